import type { PageKind, PageReport } from '../../core/model';
import { isWorkPage } from '../../core/model';
import { RatingBadge } from './RatingBadge';
import { RATING_STYLE } from '../badge';
import { describeFolds, type FoldCount } from '../../warnings/fold-count';
import { thousands } from '../../core/numbers';

const KIND_NOTE: Partial<Record<PageKind, string>> = {
  index: 'Story index',
  gate: 'Behind an age or login gate',
};

/**
 * What the current page is, in the popup: the work's details, or plainly that it is not a story,
 * and on a listing how many entries were folded. An estimate's evidence is the decision panel's
 * to give (src/warnings/ui/DecisionPanel.tsx), once.
 */
export function PageSummary({ report, siteName, folds = null }: { report: PageReport; siteName: string; folds?: FoldCount | null }) {
  if (!isWorkPage(report.kind)) {
    return (
      <section class="summary not-story" data-kind={report.kind}>
        <p class="headline">Not a story page</p>
        <p class="detail">{notStoryDetail(report.kind, siteName)}</p>
        {folds ? <p class="folds">{describeFolds(folds)}</p> : null}
      </section>
    );
  }
  const { chapter } = report;
  return (
    <section class="summary story" data-kind={report.kind}>
      <p class="site">
        {siteName}
        {KIND_NOTE[report.kind] ? <span class="kind-note"> · {KIND_NOTE[report.kind]}</span> : null}
      </p>
      <h1 class="title">{report.title ?? 'Untitled'}</h1>
      {report.author ? <p class="author">by {report.author}</p> : null}
      <RatingBadge rating={report.rating} />
      {report.rating.level === 'unknown' && report.estimate ? (
        <div class="estimate">
          <p class="estimate-level">
            {/* "estimated Unrated" would read as a finding: too little text to judge is no estimate at all. */}
            Unrated · {report.estimate.level === 'unknown' ? 'no estimate' : `estimated ${RATING_STYLE[report.estimate.level].name}`}
          </p>
        </div>
      ) : null}
      <dl class="facts">
        {report.fandoms.length > 0 ? <Fact name="Fandom" value={report.fandoms.join(', ')} cls="fandom" /> : null}
        {chapter ? (
          <Fact
            name="Chapter"
            value={`${chapter.index}/${chapter.count ?? '?'}${chapter.title ? ` · ${chapter.title}` : ''}`}
            cls="chapter"
          />
        ) : null}
        {report.words !== null ? <Fact name="Words" value={thousands(report.words)} cls="words" /> : null}
        <Fact name="Warnings" value={warningsText(report)} cls="warnings" />
      </dl>
    </section>
  );
}

function Fact({ name, value, cls }: { name: string; value: string; cls: string }) {
  return (
    <div class={`fact ${cls}`}>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function warningsText(report: PageReport): string {
  if (report.warningsHidden) return 'Hidden by the site (not the same as none)';
  if (report.warnings.length === 0) return 'None given';
  return report.warnings.join(', ');
}

function notStoryDetail(kind: PageKind, siteName: string): string {
  switch (kind) {
    case 'listing':
      return `A list of stories on ${siteName}. Open one to read it.`;
    case 'error':
      return `${siteName} says this page is missing or removed.`;
    default:
      return 'Slipcase found no story on this page.';
  }
}
