/** Stored screenshots stay under this many bytes (JPEG), whether masked by us or painted over by the user. */
export const SCREENSHOT_MAX_BYTES = 200_000;

/** JPEG qualities tried in order before the image is made smaller; the first almost always fits. */
export const SCREENSHOT_QUALITIES = [0.8, 0.6, 0.45] as const;
