// The layer rule (README "Layout"): each runtime surface owns its wiring (entrypoints/<surface>/) and its
// UI (components/<surface>/); utils/ is the core every surface uses. The core imports no surface, a
// surface imports no other surface, the collector imports only the core, shipped code imports no script
// or test, and nothing imports in a circle (type-only imports included). Run by `npm run lint`.

/** Each surface's folders: its entrypoint's wiring and glue, and its components. */
const SURFACES = {
  background: ['entrypoints/background'],
  page: ['entrypoints/content', 'entrypoints/page-tools', 'components/page'],
  dialog: ['entrypoints/note-dialog', 'components/dialog'],
  popup: ['entrypoints/popup', 'components/popup'],
  options: ['entrypoints/options', 'components/options'],
};

/** A path regular expression for these folders and everything below them. */
const under = (folders) => `^(${folders.map((folder) => folder.replace(/[.-]/g, '\\$&')).join('|')})/`;

const surfaceRules = Object.entries(SURFACES).map(([surface, own]) => ({
  name: `surface-${surface}-imports-no-other-surface`,
  comment: `${surface} may import its own folders, components/shared/ and utils/ — not another surface.`,
  severity: 'error',
  from: { path: under(own) },
  to: {
    path: under(
      Object.entries(SURFACES)
        .filter(([other]) => other !== surface)
        .flatMap(([, folders]) => folders),
    ),
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-surface',
      comment: 'utils/ is the core: every surface uses it, so it may not depend on one.',
      severity: 'error',
      from: { path: '^utils/' },
      to: { path: '^(components|entrypoints)/' },
    },
    ...surfaceRules,
    {
      name: 'shared-components-import-no-surface',
      comment: 'components/shared/ is what two surfaces render alike: it may use the core, not a surface.',
      severity: 'error',
      from: { path: '^components/shared/' },
      to: { path: '^(components|entrypoints)/', pathNot: '^components/shared/' },
    },
    {
      name: 'components-import-no-wiring',
      comment: 'Components get what they need as props from the mount; wiring imports UI, not the reverse.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'collector-imports-only-the-core',
      comment: 'The collector shares the schemas and the redactor (utils/), never extension surfaces.',
      severity: 'error',
      from: { path: '^collector/' },
      to: { path: '^(components|entrypoints)/' },
    },
    {
      name: 'shipped-code-imports-no-tooling',
      comment: 'Nothing bench- or test-only goes into the extension bundle.',
      severity: 'error',
      from: { path: '^(utils|components|entrypoints)/' },
      to: { path: '^(scripts|tests|tools)/' },
    },
    {
      name: 'no-circular',
      comment: 'Circular imports (type-only ones count: tools/depcruise/keep-type-imports.cjs).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API that dependency-cruiser can use; Babel transpiles instead.
    babelConfig: { fileName: 'tools/depcruise/babel.config.json' },
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.output|\\.wxt)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
