/**
 * Commands registered but not contributed in package.json (not in the
 * palette or menus): invoked from notifications and by scripted callers.
 * The core registers their lazy stubs from this list, since it cannot read
 * them from the manifest; test/unit/manifest.test.ts checks that it and
 * COMMANDS (src/commands/all.ts) agree.
 */
export const INTERNAL_COMMANDS: readonly string[] = ['giggle.resubmitMusicVideo'];
