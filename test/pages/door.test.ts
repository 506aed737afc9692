/** 上门登记 rendered with miniprogram-simulate: a grid worker registers a household at its door. */
import simulate from 'miniprogram-simulate';
import { type Answer, cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('door/door');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const directory: Answer<'residents', 'directory'> = ok({
  enclosures: [
    {
      id: 'enc-a',
      name: '春华苑',
      buildings: [
        { id: 'b1', name: '1栋', units: 2, floors: 8, roomScheme: 'numbered' as const },
        { id: 'b2', name: '2栋', units: 3, floors: 8, roomScheme: 'numbered' as const },
      ],
    },
  ],
});

async function input(page: Rendered, selector: string, value: string, index = 0) {
  page.querySelectorAll(selector)[index].dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
async function change(page: Rendered, selector: string, value: number | string[], index = 0) {
  page.querySelectorAll(selector)[index].dispatchEvent('change', { detail: { value } });
  await simulate.sleep(5);
}

let modals: { title: string; content: string }[];
let confirm: boolean;
let opened: string[];
beforeEach(() => {
  modals = [];
  confirm = true;
  opened = [];
  wxMock.showModal = async (m: (typeof modals)[number]) => {
    modals.push(m);
    return { confirm, cancel: !confirm, errMsg: 'showModal:ok' };
  };
  wxMock.navigateTo = ({ url }: { url: string }) => opened.push(url);
  replyWith('residents', 'directory', directory);
});

async function fillHousehold(page: Rendered) {
  await change(page, '.pick-building', 1);
  await change(page, '.pick-unit', 0);
  await input(page, '.room', '101');
  await input(page, '.name', '孙建华');
  await input(page, '.birth-year', '1975');
  await input(page, '.id-number', '110105197501010011');
  await input(page, '.phone', '13800001234');
  await tap(page, '.add');
  await input(page, '.name', '孙秀英', 1);
  await input(page, '.birth-year', '1941', 1);
}

test('a household with an elder without a phone is registered once confirmed, and points to 爱心码', async () => {
  replyWith(
    'residents',
    'registerAtDoor',
    ok({
      residents: [
        { residentId: 'r1', maskedName: '孙*华', status: null },
        { residentId: 'r2', maskedName: '孙*英', status: null },
      ],
    }),
  );
  const page = await openPage(id);
  await fillHousehold(page);
  await change(page, '.consent', ['yes']);
  await tap(page, '.submit');
  expect(modals[0].content).toBe('上门登记 2栋1单元101室 共 2 人，登记后即为已核实（核实人为您）。');
  expect(cloudCalls().find((c) => c.data.action === 'registerAtDoor')!.data).toEqual({
    action: 'registerAtDoor',
    requestId: expect.any(String),
    buildingId: 'b2',
    unit: 1,
    room: '101',
    place: 'door',
    consent: true,
    people: [
      { name: '孙建华', relation: 'head', birthYear: 1975, idNumber: '110105197501010011', phone: '13800001234' },
      { name: '孙秀英', relation: 'elder', birthYear: 1941 },
    ],
  });
  expect(textOf(page, '.done-title')).toBe('已登记并核实 2 人');
  expect(textsOf(page, '.done-who')).toEqual(['孙*华', '孙*英']);
  // The form is ready for the next door.
  expect(page.querySelectorAll('.person')).toHaveLength(1);
  await tap(page, '.to-cards');
  expect(opened).toEqual(['/pages/cards/cards']);
});

test('without consent, a name or a birth year nothing is sent, and each problem is said at its field', async () => {
  const page = await openPage(id);
  await tap(page, '.add');
  await input(page, '.room', '101');
  await tap(page, '.submit');
  expect(textsOf(page, '.error-name')).toEqual(['请填写姓名', '请填写姓名']);
  expect(textsOf(page, '.error-birthYear')).toEqual(['请填写出生年份，如 1950', '请填写出生年份，如 1950']);
  expect(textOf(page, '.error-consent')).toBe('请先告知登记用途并征得住户同意');
  expect(modals).toEqual([]);
  expect(cloudCalls().some((c) => c.data.action === 'registerAtDoor')).toBe(false);
});

test('a refusal naming one person’s field is said under that person; a retry resends the same request', async () => {
  replyWith('residents', 'registerAtDoor', fail('INVALID_ARGUMENT', '身份证号格式不正确', 'people.0.idNumber'));
  const page = await openPage(id);
  await fillHousehold(page);
  await change(page, '.consent', ['yes']);
  await tap(page, '.submit');
  expect(textsOf(page, '.error-idNumber')).toEqual(['身份证号格式不正确']);
  await tap(page, '.submit');
  const sent = cloudCalls().filter((c) => c.data.action === 'registerAtDoor');
  expect(sent).toHaveLength(2);
  expect(sent[1].data.requestId).toBe(sent[0].data.requestId);
});
