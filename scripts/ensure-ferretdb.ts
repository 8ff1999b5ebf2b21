/** `npm run ferretdb`: build the embedded database engine now (start-up and tests also do it when missing). */
import { ensureFerretDB, FERRETDB_VERSION } from '@server/db/ferretdb';

const bin = ensureFerretDB();
console.log(`FerretDB ${FERRETDB_VERSION}: ${bin}`);
