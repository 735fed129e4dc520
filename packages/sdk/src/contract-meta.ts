// The contract facts the client reads at run time: command and event names, room bindings, REST
// routes, error codes. Computed from the contract here (so tests and `vitest` see the live contract);
// the package build replaces this module with the computed literal (tsup.config.ts), so the
// published client carries no zod schema and no zod.
import { CONNECT_ERROR_CODES, CONTRACT_VERSION, ERROR_CODES, commands, events, restRoutes } from '@bidwire/contract';
import { deriveContractMeta, type ContractMeta } from './contract-meta-derive.js';

export const contractMeta: ContractMeta = deriveContractMeta({ commands, events, restRoutes, ERROR_CODES, CONNECT_ERROR_CODES, CONTRACT_VERSION });
