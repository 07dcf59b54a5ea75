import { describe, expect, it } from 'vitest';
import { efictionWorkList, efictionWorkListKind } from './work-list';
import { parseHtml } from '../../../scripts/lib/html';

const AUTHOR = 'http://fanfiction.mugglenet.com/viewuser.php?uid=42';

/** An author page as eFiction's default skin lists stories (reconstructed): a div.listbox per story. */
const box = (href: string, title: string) =>
  `<div class="listbox odd"><div class="title"><a href="${href}">${title}</a> by <a href="viewuser.php?uid=42">Quill</a> [<a href="reviews.php?type=ST&amp;item=1">Reviews</a> - 3]</div>
  <div class="content"><span class="label">Summary: </span>A summary.<br><span class="label">Rated:</span> PG-13</div></div>`;
const PAGE = `<html><head><title>MuggleNet Fan Fiction :: Quill</title></head><body><div id="bio">Quill's bio.</div>
${box('viewstory.php?sid=101', 'First Story')}
${box('viewstory.php?sid=202&amp;chapter=3', 'Second Story')}
${box('http://evil.example/viewstory.php?sid=5', 'Elsewhere')}
${box('other/viewstory.php?sid=6', 'Another Folder')}
${box('viewstory.php?sid=101', 'First Story')}
</body></html>`;

describe('efictionWorkList', () => {
  it("reads an author page's stories in order, each by its sid, on the archive's own host and folder", () => {
    expect(efictionWorkList(parseHtml(PAGE, AUTHOR), AUTHOR)).toEqual({
      kind: 'author',
      title: 'MuggleNet Fan Fiction :: Quill',
      url: AUTHOR,
      works: [
        { url: 'http://fanfiction.mugglenet.com/viewstory.php?sid=101', title: 'First Story', part: null },
        { url: 'http://fanfiction.mugglenet.com/viewstory.php?sid=202', title: 'Second Story', part: null },
      ],
      next: null,
    });
  });

  it('knows an author page by its script and uid', () => {
    expect(efictionWorkListKind(AUTHOR)).toBe('author');
    expect(efictionWorkListKind(`${AUTHOR}&action=storiesby`)).toBe('author');
    expect(efictionWorkListKind(`${AUTHOR}&action=favst`)).toBeNull();
    expect(efictionWorkListKind('http://fanfiction.mugglenet.com/viewuser.php?uid=x')).toBeNull();
    expect(efictionWorkListKind('http://fanfiction.mugglenet.com/viewstory.php?sid=101')).toBeNull();
  });
});
