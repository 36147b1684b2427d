/**
 * Entry of dist/vendor/zod-mini.js: the zod/v4-mini functions the extension
 * uses, bundled once and shared by the core and the features bundles (see
 * esbuild.mjs). Listing them keeps tree-shaking (all of zod mini is ~235 KB,
 * these ~26 KB); test/unit/vendorZod.test.ts fails when src/ uses a `z.` value
 * that is missing here. Types (z.infer, z.core.…) need no entry.
 */
export {
  any,
  array,
  boolean,
  discriminatedUnion,
  enum,
  literal,
  looseObject,
  maxLength,
  minLength,
  nullish,
  number,
  object,
  optional,
  pipe,
  regex,
  safeParse,
  strictObject,
  string,
  transform,
  trim,
  union,
  unknown,
} from 'zod/v4-mini';
