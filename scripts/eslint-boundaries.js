// Local ESLint plugin enforcing the import boundaries of DESIGN §2 (Layout):
//   - shared/ imports nothing from electron/ or renderer/, and no Node built-ins (it runs on both sides);
//   - renderer/ never imports electron/, Node built-ins or the 'electron' package;
//   - nothing outside electron/app/ and electron/preload/ imports the 'electron' package.
// Relative specifiers are resolved against the importing file, so '../../electron/x' is caught
// wherever it is written from; bare specifiers are checked by name.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file lives in scripts/, so the repository root is its parent folder.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const nodeBuiltins = new Set(builtinModules);

function isNodeBuiltin(specifier) {
  // 'node:' covers prefix-only modules too (node:test, node:sqlite).
  return specifier.startsWith('node:') || nodeBuiltins.has(specifier);
}

function isElectronPackage(specifier) {
  return specifier === 'electron' || specifier.startsWith('electron/');
}

function isRelativeOrAbsolute(specifier) {
  return specifier.startsWith('.') || path.isAbsolute(specifier);
}

/** Repository-relative path segments of an absolute path, or null when it lies outside the repository. */
function repoSegments(absolutePath) {
  const relative = path.relative(repoRoot, absolutePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep);
}

/** Which rule of DESIGN §2, if any, importing `specifier` from a file at `fileSegments` breaks. */
function findViolation(fileSegments, fileDir, specifier) {
  const [room, subRoom] = fileSegments;

  if (isRelativeOrAbsolute(specifier)) {
    const target = repoSegments(path.resolve(fileDir, specifier));
    const targetRoom = target ? target[0] : null;
    if (room === 'shared' && (targetRoom === 'electron' || targetRoom === 'renderer')) {
      return { messageId: 'sharedImportsNeither', data: { specifier, target: targetRoom } };
    }
    if (room === 'renderer' && targetRoom === 'electron') {
      return { messageId: 'rendererNoElectronFolder', data: { specifier } };
    }
    return null;
  }

  if (isElectronPackage(specifier)) {
    const mayImportElectron = room === 'electron' && (subRoom === 'app' || subRoom === 'preload');
    return mayImportElectron ? null : { messageId: 'electronPackage', data: { specifier } };
  }

  if (isNodeBuiltin(specifier)) {
    if (room === 'shared') return { messageId: 'sharedNoNodeBuiltins', data: { specifier } };
    if (room === 'renderer') return { messageId: 'rendererNoNodeBuiltins', data: { specifier } };
  }
  return null;
}

/** The string in `import('x')`, `require('x')` or `` import(`x`) ``; null when it is computed. */
function staticString(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import boundaries between electron/, renderer/ and shared/ (DESIGN §2).' },
    schema: [],
    messages: {
      sharedImportsNeither:
        "DESIGN §2: shared/ imports nothing from electron/ or renderer/, but '{{specifier}}' resolves into {{target}}/.",
      sharedNoNodeBuiltins:
        "DESIGN §2: shared/ runs on both sides and may not import the Node built-in '{{specifier}}'.",
      rendererNoElectronFolder:
        "DESIGN §2: renderer/ never imports electron/, but '{{specifier}}' resolves into electron/; call the core through shared/contract.",
      rendererNoNodeBuiltins: "DESIGN §2: renderer/ never imports Node built-ins, but imports '{{specifier}}'.",
      electronPackage:
        "DESIGN §2: only electron/app/ and electron/preload/ may import the 'electron' package, but this file imports '{{specifier}}'.",
    },
  },
  create(context) {
    const fileSegments = repoSegments(path.resolve(context.physicalFilename));
    if (!fileSegments) return {};
    const fileDir = path.dirname(path.resolve(context.physicalFilename));

    function check(sourceNode) {
      const specifier = staticString(sourceNode);
      if (specifier === null) return;
      const violation = findViolation(fileSegments, fileDir, specifier);
      if (violation) context.report({ node: sourceNode, ...violation });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
      // TypeScript's `import x = require('y')`.
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};

export default {
  meta: { name: 'counterpart-boundaries' },
  rules: { 'import-boundaries': importBoundaries },
};
