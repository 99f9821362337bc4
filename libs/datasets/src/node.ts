export { DEFAULT_FASHION_MNIST_DIR, findFashionMnist } from './node/find-fashion-mnist';
export { loadFashionMnist } from './node/load-fashion-mnist';
export { readIdxFile } from './node/read-idx-file';
