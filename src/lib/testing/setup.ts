import 'fake-indexeddb/auto';
import { dropTestDatabasesAfterUse } from './test-databases';

dropTestDatabasesAfterUse();
