export { Coordinator } from './coordinator';
export type { CoordinatorOptions } from './coordinator';
export { DEFAULT_COORDINATOR_CONFIG, resolveCoordinatorConfig } from './coordinator-config';
export type { CoordinatorConfig, CoordinatorConfigInput } from './coordinator-config';
export { updateEncodingDefaults } from './update-encoding-defaults';
export type { UpdateEncodingDefaults } from './update-encoding-defaults';
export type { CoordinatorEvents, CoordinatorStatus, RunSummary } from './coordinator-events';
export { silentLogger } from './coordinator-logger';
export type { CoordinatorLogger } from './coordinator-logger';
export { createModelEvaluator } from './create-model-evaluator';
export type { ModelEvaluation } from './model-evaluation';
export { selectCohort } from './select-cohort';
export { DEFAULT_EDGE_GUARD_CONFIG, resolveEdgeGuardConfig } from './edge-guard-config';
export type { EdgeGuardConfig } from './edge-guard-config';
export type { EnrollmentMode, OpenRegistryLimits } from './enrollment-mode';
export { DEFAULT_OPEN_REGISTRY_LIMITS } from './enrollment-mode';
export { parseAllowlist } from './parse-allowlist';
export { CoordinatorMetrics } from './coordinator-metrics';
export type { CoordinatorMetricsSources } from './coordinator-metrics';
export {
  resolveSecureAggregationConfig,
  DEFAULT_SECURE_STAGE_TIMEOUT_MS,
  DEFAULT_SECURE_AGGREGATION,
} from './secure-aggregation-config';
export type { SecureAggregationConfig } from './secure-aggregation-config';
// The secure-input format is owned by @edgefl/quantization (secure-input-codec.ts); re-exported for embedders.
export { decodeSecureSum, secureWeightStep as weightGridStep } from '@edgefl/quantization';
export { createModelHttpHandler, MODEL_WEIGHTS_FILE } from './model-http-handler';
export type { ModelHttpHandlerOptions } from './model-http-handler';
export { resolveModelAccess, modelAccessAllows, requestBearerToken, withSessionToken } from './model-access';
export type { ModelAccess } from './model-access';
export { createLayersModelTemplate } from './layers-model-template';
export type { LayersModelTemplate } from './layers-model-template';
export { DEFAULT_UPDATE_DEFENCE, resolveUpdateDefenceConfig } from './update-defence-config';
export type { UpdateDefenceConfig } from './update-defence-config';
export { ConnectionLimiter } from './connection-limiter';
export type { ConnectionLimits, EngineConnection, HandshakeRefusal } from './connection-limiter';
export type { HttpAccess } from './http-access';
export type { DownlinkConfig } from './downlink-config';
export { DEFAULT_DOWNLINK, resolveDownlinkConfig } from './downlink-config';
export { DownlinkPlanner } from './downlink-planner';
export { ModelArtifactExporter } from './model-artifact-exporter';
export type { ModelArtifactsOptions, ExportedModel } from './model-artifact-exporter';
export { CoordinatorClusterNode } from './coordinator-cluster-node';
export type { CoordinatorClusterOptions } from './coordinator-cluster-node';
export { RedisSocketAdapter } from './redis-socket-adapter';
export type { RedisSocketAdapterOptions } from './redis-socket-adapter';
export { runRelevantConfig } from './run-relevant-config';
export { resolveNodeId } from './node-id';
