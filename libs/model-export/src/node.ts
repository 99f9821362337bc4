export * from './index';

export { loadTfliteRunner } from './node/tflite-runner';
export { loadTfjsFolder } from './node/tfjs-file-loader';
export { artifactAccuracy } from './node/artifact-accuracy';
export type { WriteDeploymentOptions } from './node/write-deployment';
export { writeDeployment, DEPLOYMENT_FILE, DEFAULT_CALIBRATION_COUNT } from './node/write-deployment';
