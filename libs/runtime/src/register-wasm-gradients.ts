import { registerComposedGradientKernels } from './wasm-gradients/register-composed-gradient-kernels';

/**
 * Makes the wasm backend able to train convolutional and depthwise-separable models: registers
 * Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter and DepthwiseConv2dNativeBackpropInput
 * for 'wasm', composed from kernels wasm has (tfjs issues #8474, #4326). Only missing kernels are
 * registered, so cpu and tfjs-node keep their native ones. Idempotent.
 *
 * @example
 * registerWasmGradients();
 * await tf.setBackend('wasm'); // model.fit / optimizer.minimize now work for conv models
 */
export function registerWasmGradients(): void {
  registerComposedGradientKernels('wasm');
}
