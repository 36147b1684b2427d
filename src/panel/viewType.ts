/**
 * The generator panel's webview type, in a module of its own so the eagerly
 * loaded core can register the panel serializer (needed for
 * `onWebviewPanel:giggle.generator`) without bundling the panel itself.
 */
export const GENERATOR_VIEW_TYPE = 'giggle.generator';
