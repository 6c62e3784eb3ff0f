// dependency-cruiser reads TypeScript through Babel here (it cannot use TypeScript 7's compiler).
// Babel's TypeScript preset drops `import type` and `export type … from` before dependency-cruiser
// sees them, so a cycle made of type imports would go unnoticed. This plugin runs first (on Program
// entry, before the preset's own Program visitor) and turns each into a bare `import 'x'`.
module.exports = ({ types: t }) => ({
  name: 'keep-type-imports',
  visitor: {
    Program: {
      enter(path) {
        for (const statement of path.get('body')) {
          const node = statement.node;
          const typeOnly =
            (statement.isImportDeclaration() && node.importKind === 'type') ||
            ((statement.isExportNamedDeclaration() || statement.isExportAllDeclaration()) &&
              node.source &&
              node.exportKind === 'type');
          if (typeOnly) statement.replaceWith(t.importDeclaration([], t.stringLiteral(node.source.value)));
        }
      },
    },
  },
});
