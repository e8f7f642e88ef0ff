// Starts the built app (adapter-node) with sensible defaults and says where it is.
// PORT (3000), HOST (0.0.0.0) and DATA_DIR (./data) can be set in the environment.
import { existsSync } from 'node:fs';

if (!existsSync('build/index.js')) {
	console.error('No build found: run `npm run build` first (npm start does both).');
	process.exit(1);
}
process.env.PORT ||= '3000';
process.env.HOST ||= '0.0.0.0';
process.env.DATA_DIR ||= 'data';
process.env.ORIGIN ||= `http://localhost:${process.env.PORT}`;

await import('../build/index.js');
const shown = process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST;
console.log(`Volunteer Stations is running at http://${shown}:${process.env.PORT}/`);
console.log(`Data is kept in ${process.env.DATA_DIR}/ (demo data is loaded on the first start).`);
