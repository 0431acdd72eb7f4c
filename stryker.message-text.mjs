// Stryker ignorer "message-text": mutants that can only change the words a person reads
// are left out of the mutation score (docs/mutation-testing.md). A mutant is ignored when it
// sits in one of these positions, and nowhere else:
//   1. the message argument of a validator failure, `fail(reason, message)` (the whole argument,
//      template expressions included: they only build the text);
//   2. the message of a thrown error, `new Error(message)` / `new RangeError(message)` …, and the
//      detail of `new TokenFormatError(reason, detail)` (the reason stays mutated);
//   3. a string or template literal inside the warnings argument of `ok(value, warnings)`; the
//      array itself is not ignored, so "a warning is or is not given" stays pinned.
// Message texts that live elsewhere (the *_WARNING constants, the duplicate-class warning, the
// wording of certificate-identifier warnings) carry a `// Stryker disable … StringLiteral:
// message text` comment instead.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const isCallTo = (node, name) =>
  node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === name;
const isNewError = (node) =>
  node?.type === 'NewExpression' && node.callee.type === 'Identifier' && /Error$/.test(node.callee.name);
const isLiteralText = (node) => node.type === 'StringLiteral' || node.type === 'TemplateLiteral';
const isFunction = (path) => path.isFunction();

/** Whether `path` is argument `index` of its parent call or `new`. */
const isArgument = (path, index) => path.listKey === 'arguments' && path.key === index;

function shouldIgnore(path) {
  const parent = path.parentPath?.node;
  if (isCallTo(parent, 'fail') && isArgument(path, 1)) return 'message text: fail(reason, message)';
  if (isNewError(parent)) {
    const messageIndex = parent.callee.name === 'TokenFormatError' ? 1 : 0;
    if (isArgument(path, messageIndex)) return 'message text: error message';
  }
  if (isLiteralText(path.node)) {
    for (let p = path; p?.parentPath && !isFunction(p); p = p.parentPath) {
      if (isCallTo(p.parentPath.node, 'ok') && isArgument(p, 1)) return 'message text: warning';
    }
  }
  return undefined;
}

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'message-text', { shouldIgnore })];
