import { describe, expect, it } from 'vitest';
import { matchPath } from './router.js';

describe('matchPath', () => {
  it('matches fixed paths exactly', () => {
    expect(matchPath('/patients', '/patients')).toEqual({});
    expect(matchPath('/patients', '/patients/')).toEqual({});
    expect(matchPath('/patients', '/inbox')).toBeNull();
  });

  it('extracts parameters, with an optional last segment', () => {
    expect(matchPath('/patients/:id/:tab?', '/patients/abc')).toEqual({ id: 'abc' });
    expect(matchPath('/patients/:id/:tab?', '/patients/abc/episodes')).toEqual({
      id: 'abc',
      tab: 'episodes',
    });
    expect(matchPath('/patients/:id/:tab?', '/patients')).toBeNull();
    expect(matchPath('/patients/:id/:tab?', '/patients/abc/episodes/extra')).toBeNull();
  });

  it('decodes parameters', () => {
    expect(matchPath('/admin/:section?', '/admin/api%2Dtokens')).toEqual({ section: 'api-tokens' });
  });
});
