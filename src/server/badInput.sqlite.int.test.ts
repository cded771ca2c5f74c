import { defineBadInputSuite } from './badInput.suite.js';

defineBadInputSuite('sqlite');
