import path from 'node:path';
import { build, stop } from 'esbuild';
import { packageRoot } from '../../core/paths';

// From the package root, so the path holds both in src/ and in the server bundle in dist/.
const entryPoint = path.join(packageRoot, 'src', 'modules', 'tracker', 'browser', 'tracker.ts');

let built: Promise<string> | undefined;

/**
 * The website tracker as one minified script (an IIFE for browsers from 2019 on), compiled from
 * its TypeScript on first use and kept in memory; a failed build is tried again next time.
 */
export function buildTracker(): Promise<string> {
  built ??= compile().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

async function compile(): Promise<string> {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  // esbuild compiles in a helper process; nothing else needs it once the script is built.
  await stop();
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no tracker script');
  return output.text;
}
