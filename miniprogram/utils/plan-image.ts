/**
 * The residents' 防疫地图 as a poster to print at the gate: the site plan with each building's
 * counts (as the cloud gave them: no group under five), sealed buildings in red, the totals and
 * the contact. Plain drawing calls, so a test can read what was drawn.
 */
import type { PublicPlan } from '../../typings';
import { formatMoment } from '../shared/china-time';
import type { Pen } from './card-image';

export const POSTER_WIDTH = 1000;
export const POSTER_HEIGHT = 1300;
const PLAN_TOP = 160;
const PLAN_SIZE = 900;
const BOX = { w: 150, h: 96 };

const count = (n: number | '<5' | null) => (n === null ? '—' : String(n));

export function drawPublicPlan(pen: Pen, plan: PublicPlan): void {
  pen.fillStyle = '#ffffff';
  pen.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  pen.textAlign = 'center';
  pen.fillStyle = '#1f2d27';
  pen.font = 'bold 48px sans-serif';
  pen.fillText(`${plan.enclosureName} 防疫地图`, POSTER_WIDTH / 2, 70);
  pen.font = '26px sans-serif';
  pen.fillText(plan.computedAt ? `统计时间 ${formatMoment(plan.computedAt)}` : '统计中', POSTER_WIDTH / 2, 115);
  pen.strokeStyle = '#c9d3ce';
  pen.lineWidth = 2;
  pen.strokeRect(50, PLAN_TOP, PLAN_SIZE, PLAN_SIZE);
  for (const b of plan.buildings) {
    const x = 50 + (b.position.x / 100) * PLAN_SIZE - BOX.w / 2;
    const y = PLAN_TOP + (b.position.y / 100) * PLAN_SIZE - BOX.h / 2;
    pen.fillStyle = b.sealed ? '#f6d5d1' : '#e3f1e9';
    pen.fillRect(x, y, BOX.w, BOX.h);
    pen.strokeStyle = b.sealed ? '#c0392b' : '#0b7a45';
    pen.strokeRect(x, y, BOX.w, BOX.h);
    pen.fillStyle = '#1f2d27';
    pen.font = 'bold 26px sans-serif';
    pen.fillText(b.name, x + BOX.w / 2, y + 32);
    pen.font = '20px sans-serif';
    pen.fillText(`居住 ${count(b.residents)}`, x + BOX.w / 2, y + 58);
    pen.fillText(b.sealed ? `封闭单元 ${b.sealedUnits}` : `隔离 ${count(b.isolated)}`, x + BOX.w / 2, y + 84);
  }
  const bottom = PLAN_TOP + PLAN_SIZE;
  pen.textAlign = 'left';
  pen.font = '28px sans-serif';
  pen.fillStyle = '#1f2d27';
  const t = plan.totals;
  pen.fillText(
    `合计：居住 ${count(t.residents)}  离开后返回 ${count(t.returned)}  隔离 ${count(t.isolated)}`,
    50,
    bottom + 60,
  );
  if (plan.contact) pen.fillText(`有事找：${plan.contact.name} ${plan.contact.phone}`, 50, bottom + 105);
  pen.fillStyle = '#c0392b';
  pen.fillRect(50, bottom + 135, 28, 28);
  pen.fillStyle = '#6b7a73';
  pen.font = '22px sans-serif';
  pen.fillText('红框：有封闭管理的单元。不足 5 人的不显示具体人数（<5）。', 90, bottom + 157);
}
