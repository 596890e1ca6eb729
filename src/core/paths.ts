import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (package) root, whichever file asks. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDistDir = path.join(packageRoot, 'web', 'dist');
