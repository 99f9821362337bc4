export { escapeHtml } from './escape-html';
export { jsonForScript } from './json-for-script';
export { renderPageHead, type PageHeadOptions } from './render-page-head';
