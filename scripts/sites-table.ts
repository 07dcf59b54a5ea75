/** `npm run -s sites:table > docs/sites.md`: the table of built-in archives (./lib/sites-table.ts). */
import { corpusPages } from '../tests/lib/corpus';
import { sitesTable } from './lib/sites-table';

process.stdout.write(sitesTable(corpusPages()));
