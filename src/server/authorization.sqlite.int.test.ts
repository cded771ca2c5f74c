import { defineAuthorizationMatrix } from './authorizationMatrix.suite.js';

defineAuthorizationMatrix('sqlite');
