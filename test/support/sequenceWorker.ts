/** A second app process claiming numbers from the same sequence (for test/sequence.test.ts). */
import { connectDatabase, disconnectDatabase } from '../../server/db/connection';
import { nextSequence } from '../../server/db/sequence';

const [uri, dbName, name, count] = process.argv.slice(2) as [string, string, string, string];
await connectDatabase(uri, { dbName });
const numbers = await Promise.all(Array.from({ length: Number(count) }, () => nextSequence(name)));
process.stdout.write(JSON.stringify(numbers));
await disconnectDatabase();
