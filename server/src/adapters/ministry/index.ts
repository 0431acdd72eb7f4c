// The ministry's electronic-certificate system (部级电子证照系统, 数据归集): the wire format, the
// signed HTTP client and the local receiver stand-in (embedded default, tests, bench). docs/aggregation.md.
export {
  createHttpMinistryClient,
  type FailureReason,
  type HttpMinistryClientOptions,
  type MinistryClient,
  type SendOutcome,
} from './ministry-client';
export {
  faultKinds,
  startReceiverStandIn,
  type FaultKind,
  type FaultSettings,
  type ReceiverStandIn,
  type ReceiverStats,
} from './receiver-stand-in';
export { createMinistryTransport, isTlsFailure, type MinistryTls } from './transport';
export { createReceiverStandInRepo, type ReceiverStandInRepo } from './receiver-stand-in.repo';
export {
  openHolder,
  recordDigest,
  sealHolder,
  signRequest,
  verifyRequest,
  type BatchAnswer,
  type HolderClear,
  type ItemResult,
  type ItemStatus,
  type MinistryBatch,
  type MinistryRecord,
  type ReconciliationGroup,
  type ReconciliationItem,
  type RequestSigner,
} from './wire';
