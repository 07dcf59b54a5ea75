/**
 * On an AO3 series or creator's works page, or an FFN author page: saving every work it lists, or only those the library
 * lacks, as one batch job (src/library/jobs/batch.ts), and the batch's progress in stories.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PageReport } from '../../core/model';
import type { WorkList } from '../../sites/kit/work-list';
import type { JobView } from '../messages';
import { workStoryId } from '../jobs/batch';
import { FINISHED, JobProgress, type SaveServices } from './PopupSaveSection';
import { plural } from './format';

export interface BatchServices extends Pick<SaveServices, 'ask' | 'watch'> {
  /** The works the tab's page lists; null when it lists none Slipcase can save. */
  workList(): Promise<WorkList | null>;
  /** Those of these story ids the library holds. */
  savedIds(ids: string[]): Promise<Set<string>>;
}

/** The page's works and how many of them the library lacks; undefined while looking, null for none. */
function useWorkCounts(report: PageReport, services: BatchServices) {
  const [counts, setCounts] = useState<{ list: WorkList; fresh: number } | null | undefined>(undefined);
  useEffect(() => {
    void (async () => {
      const list = await services.workList();
      if (!list?.works.length) return setCounts(null);
      const saved = await services.savedIds(list.works.map((w) => workStoryId(report.site, w.url)));
      setCounts({ list, fresh: list.works.filter((w) => !saved.has(workStoryId(report.site, w.url))).length });
    })();
  }, [report.url]);
  return counts;
}

export function BatchSection({ tabId, report, services }: { tabId: number; report: PageReport; services: BatchServices }) {
  const { ask, watch } = services;
  const counts = useWorkCounts(report, services);
  const [job, setJob] = useState<JobView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const mine = (j: JobView, current: JobView | null) =>
    current ? j.id === current.id : j.scope === 'batch' && j.url === report.url && !FINISHED.has(j.state);

  useEffect(() => {
    // A batch already running from this page (an earlier popup).
    void ask({ type: 'library-jobs' }).then((reply) => {
      if (reply.ok) setJob((current) => current ?? reply.jobs?.find((j) => mine(j, null)) ?? null);
    });
    return watch((event) => setJob((current) => event.jobs.find((j) => mine(j, current)) ?? current));
  }, [report.url]);

  async function save(onlyNew: boolean) {
    setProblem(null);
    const reply = await ask({ type: 'library-save-batch', tabId, onlyNew });
    if (!reply.ok) return setProblem(reply.error);
    const jobs = await ask({ type: 'library-jobs' });
    setJob((jobs.ok && jobs.jobs?.find((j) => j.id === reply.jobIds[0])) || null);
  }

  if (!counts) return null;
  const { list, fresh } = counts;
  const total = list.works.length;
  const running = job !== null && !FINISHED.has(job.state);
  return (
    <section class="save batch" aria-label="Save these stories">
      {running ? (
        <JobProgress job={job} onCancel={() => void ask({ type: 'library-cancel', jobId: job.id })} />
      ) : (
        <div class="save-buttons">
          <button type="button" class="save-batch-all" onClick={() => void save(false)}>
            Save all {plural(total, 'story', 'stories')}
          </button>
          {fresh > 0 && fresh < total ? (
            <button type="button" class="save-batch-new" onClick={() => void save(true)}>
              Save only the {fresh} not in the library
            </button>
          ) : null}
        </div>
      )}
      {list.next ? <p class="detail">The works on the list’s later pages are saved too.</p> : null}
      {fresh === 0 ? <p class="detail">All of them are in your library.</p> : null}
      {job && FINISHED.has(job.state) ? <p class={`job-outcome job-${job.state}`}>{job.message ?? 'Done.'}</p> : null}
      {problem ? <p class="detail save-refused">{problem}</p> : null}
    </section>
  );
}
