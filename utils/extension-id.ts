/**
 * Stable extension identity, so enterprise policies can address the extension before it is installed.
 * CHROMIUM_EXTENSION_ID is derived from CHROMIUM_PUBLIC_KEY (first 32 hex digits of its SHA-256,
 * mapped 0-f → a-p); tests/unit/extension-id.test.ts checks that the two stay in step.
 */
export const CHROMIUM_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwjzH5ZdYelm9YjGdhL+so5KJBLMMsD2xq1u99a+WTTGFc6QINfvMv8izWH68jCnb1RjIeXUAhdQ2Ymka8LJlF3YeIdlWjDwtCWb0q1tNORCdZr4Jcm1D2vKWDY0Zdpq07Bo3F9Em74xZFYmdC7Duc7oKR6/s7UaZ93BPpUBjJM/GjyQ4nrjXdgXiG9F+bYFr9GFXgWnt1dj1AEW3oVZDede3N7jxFGKayRd0/720JN21Ob3FxMORU5G12dSCH41UXA6yI/hU90L0e3Ll5SXmRYJkDzVSmHCGmcEaZkUe2s7pmWP5J64UDeEn7u4rkRlg83hjcsXYnA6r/aesXuf79QIDAQAB';
export const CHROMIUM_EXTENSION_ID = 'heegepnnbolikcggimgdgmkeofppkplm';
export const GECKO_ID = 'mitsprache@jobcenter-feedback.example';
