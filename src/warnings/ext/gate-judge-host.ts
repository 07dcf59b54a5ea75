/** The background's side of ./gate-judge.ts: the decision on a content script's page. */
import type { Handlers } from '../../core/ext/messaging';
import { judgedText } from '../judge-text';

export const gateJudgeHandlers: Handlers = {
  'gate-judge': ({ report, text, settings }) => judgedText(report, text, settings),
};
