// Starts the built app with sensible defaults and says where it is.
// PORT (3000), HOST (0.0.0.0), DATA_DIR (./data) and BUILD_DIR (build) can be set in the environment.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const buildDir = process.env.BUILD_DIR || 'build';
if (!existsSync(join(buildDir, 'handler.js'))) {
	console.error('No build found: run `npm run build` first (npm start does both).');
	process.exit(1);
}
process.env.PORT ||= '3000';
process.env.HOST ||= '0.0.0.0';
process.env.DATA_DIR ||= 'data';
process.env.ORIGIN ||= `http://localhost:${process.env.PORT}`;

await import('../server/index.js');
const shown = process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST;
console.log(`Volunteer Stations is running at http://${shown}:${process.env.PORT}/`);
console.log(`Data is kept in ${process.env.DATA_DIR}/ (demo data is loaded on the first start).`);
