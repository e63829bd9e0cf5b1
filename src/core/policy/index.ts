export { fieldRulesFor, isActiveFor, toContentPolicy } from './active';
export { DEFAULT_POLICY, DEFAULT_REASONS, defaultPolicy } from './defaults';
export { isValidMatchPattern, matchesAny, parseMatchPattern } from './match-pattern';
export { ADMIN_ONLY_KEYS, FREE_LOCAL_KEYS, type ResolvedPolicy, resolvePolicy } from './merge';
export { selectorProblem } from './selector';
export { looserPaths } from './strictness';
export type * from './types';
export { BOUNDS, POLICY_KEYS, validateLayer } from './validate';
export { policyVersion } from './version';
