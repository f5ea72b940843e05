import { describe, expect, it } from 'vitest';
import { rison } from './rison.ts';

describe('rison', () => {
  it('encodes a dashboard list query the way Superset reads it', () => {
    expect(
      rison({
        page: 0,
        page_size: 100,
        filters: [{ col: 'dashboard_title', opr: 'title_or_slug', value: "Sales & Marketing's!" }],
      }),
    ).toBe(
      "(page:0,page_size:100,filters:!((col:dashboard_title,opr:title_or_slug,value:'Sales & Marketing!'s!!')))",
    );
  });

  it('encodes an id list for export, and the special values', () => {
    expect(rison([1, 2, 3])).toBe('!(1,2,3)');
    expect(rison({ a: true, b: false, c: null, d: '', e: 'true', f: '-1' })).toBe(
      "(a:!t,b:!f,c:!n,d:'',e:'true',f:-1)",
    );
  });

  it('leaves out undefined fields', () => {
    expect(rison({ page: 1, filters: undefined })).toBe('(page:1)');
  });
});
