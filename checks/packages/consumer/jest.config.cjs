// Jest with jsdom, as app teams run it: the test kit from `require`, no transform.
module.exports = { testEnvironment: 'jsdom', testMatch: ['<rootDir>/jest/**/*.test.cjs'], transform: {} };
