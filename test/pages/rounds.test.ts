/** 关爱走访 rendered with miniprogram-simulate: a volunteer logs visits and calls to 关爱对象. */
import simulate from 'miniprogram-simulate';
import type { CareSubject } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { hasClass, loadPage, openPage, textsOf } from './render';

const id = loadPage('rounds/rounds');
const subject = (overrides: Partial<CareSubject> = {}): CareSubject => ({
  residentId: 'r1',
  maskedName: '钱*英',
  address: '3栋1单元101室',
  categories: ['独居老人', '高龄老人'],
  way: 'call',
  wayName: '电话问候',
  everyDays: 1,
  volunteerName: '志愿者何磊',
  nextDueOn: '2020-02-14',
  overdueDays: 2,
  dueToday: false,
  lastContact: { on: '2020-02-13', outcome: '一切正常', byName: '志愿者何磊' },
  note: '',
  phoneMasked: null,
  ...overrides,
});
const logged = () =>
  cloudCalls()
    .filter((c) => c.data.action === 'logContact')
    .map((c) => c.data);

test('the overdue and today’s say so; a need picked with a note goes as the plan’s way and becomes a task', async () => {
  replyWith('care', 'subjects', () =>
    ok([
      subject(),
      subject({
        residentId: 'r2',
        way: 'visit',
        wayName: '上门探访',
        overdueDays: 0,
        dueToday: true,
        lastContact: null,
      }),
      subject({ residentId: 'r3', overdueDays: 0, nextDueOn: '2020-02-20', phoneMasked: '138****0001' }),
    ]),
  );
  replyWith('care', 'logContact', () =>
    ok({ residentId: 'r2', nextDueOn: '2020-02-17', escalated: false, taskId: 't1' }),
  );
  const page = await openPage(id);
  expect(textsOf(page, '.due')).toEqual(['已逾期 2 天未联系', '今日应上门探访', '下次电话问候：2020-02-20']);
  expect(hasClass(page, '.subject', 'overdue')).toBe(true);
  expect(textsOf(page, '.categories')[0]).toBe('独居老人、高龄老人 · 每 1 天电话问候');
  expect(textsOf(page, '.no-phone')).toHaveLength(2); // r3 has a number to dial
  page.querySelectorAll('.contact-note')[1].dispatchEvent('input', { detail: { value: '降压药快吃完了' } });
  await simulate.sleep(5);
  page.querySelectorAll('.log')[1].dispatchEvent('change', { detail: { value: 3 } }); // 有生活需求：代购药品
  await simulate.sleep(10);
  expect(logged()).toEqual([
    {
      action: 'logContact',
      requestId: expect.any(String),
      residentId: 'r2',
      way: 'visit',
      outcome: 'needs',
      need: 'medicine',
      note: '降压药快吃完了',
    },
  ]);
  expect(shownToasts()).toContainEqual({ title: '已记录，已加入服务任务', icon: 'none' });
});

test('未联系上 says the grid worker was told; a refusal shows the cloud’s words', async () => {
  replyWith('care', 'subjects', () => ok([subject()]));
  replyWith('care', 'logContact', () =>
    ok({ residentId: 'r1', nextDueOn: '2020-02-14', escalated: true, taskId: null }),
  );
  const page = await openPage(id);
  const choices = page.instance.data.choiceLabels as string[];
  expect(choices).toEqual([
    '一切正常',
    '有生活需求：代购生活物资',
    '有生活需求：送餐',
    '有生活需求：代购药品',
    '有生活需求：上门收垃圾',
    '身体不适',
    '未联系上',
  ]);
  page.querySelector('.log')!.dispatchEvent('change', { detail: { value: 6 } });
  await simulate.sleep(10);
  expect(logged()).toEqual([
    { action: 'logContact', requestId: expect.any(String), residentId: 'r1', way: 'call', outcome: 'unreached' },
  ]);
  expect(shownToasts()).toContainEqual({ title: '已记录，并已告知网格员', icon: 'none' });

  replyWith('care', 'logContact', fail('PERMISSION_DENIED', '该关爱对象不由您负责'));
  page.querySelector('.log')!.dispatchEvent('change', { detail: { value: 0 } });
  await simulate.sleep(10);
  expect(shownToasts()).toContainEqual({ title: '该关爱对象不由您负责', icon: 'none' });
});
