// The contract's semver version (SPEC §1 "Contract versions"): the @bidwire/contract package version,
// read from package.json when the package is built, so the two can never disagree.
import { version } from '../package.json';

/** Sent by the SDK in the handshake (`auth.contract`); a server whose contract has another major refuses it. */
export const CONTRACT_VERSION: string = version;
