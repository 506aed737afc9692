/** 车辆登记 rendered with miniprogram-simulate: a household's car by its flat, a supply vehicle by its days, removal. */
import simulate from 'miniprogram-simulate';
import type { VehicleEntry } from '../../typings';
import { type Answer, cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('vehicles/vehicles');
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
const supplyVan: VehicleEntry = {
  id: 'veh-1',
  plate: '粤B·D12345',
  kind: 'supply',
  household: null,
  supplier: '钱大妈保供点',
  driver: '李*强 138****5678',
  fromDate: '2020-02-20',
  toDate: '2020-02-26',
};

async function input(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
async function change(page: Rendered, selector: string, value: number) {
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
  await simulate.sleep(5);
}
const registrations = () => cloudCalls().filter((c) => c.data.action === 'registerVehicle');
const cstDate = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 24 * 3600_000).toISOString().slice(0, 10);

let modalReply: { confirm: boolean; content?: string };
beforeEach(() => {
  modalReply = { confirm: true, content: '住户已搬离' };
  wxMock.showModal = async () => ({ ...modalReply, cancel: !modalReply.confirm });
  replyWith('residents', 'directory', directory);
  replyWith('gate', 'vehicles', ok([supplyVan]));
  replyWith('gate', 'registerVehicle', ok({ vehicleId: 'veh-9' }));
  replyWith('gate', 'removeVehicle', ok({ vehicleId: 'veh-1' }));
});

test("a household's car is registered by the flat picked, and the list shows the supply vehicle with its days", async () => {
  const page = await openPage(id);
  expect(textOf(page, '.vehicle-supply .plate-text')).toBe('粤B·D12345');
  expect(textsOf(page, '.vehicle-supply .muted')).toEqual([
    '钱大妈保供点 · 李*强 138****5678',
    '2020-02-20 至 2020-02-26',
  ]);
  await input(page, '.plate', '粤B12345');
  await change(page, '.pick-building', 1);
  await change(page, '.pick-unit', 2);
  await input(page, '.room', '301');
  await tap(page, '.submit');
  expect(registrations().pop()!.data).toEqual({
    action: 'registerVehicle',
    kind: 'resident',
    plate: '粤B12345',
    buildingId: 'b2',
    unit: 3,
    room: '301',
  });
  expect(shownToasts().pop()).toMatchObject({ title: '车辆已登记' });
});

test('a supply vehicle is registered from today for the days chosen; a refusal shows at its field', async () => {
  replyWith('gate', 'registerVehicle', fail('CONFLICT', '车牌 粤B·D12345 已登记，请先注销', 'plate'));
  const page = await openPage(id);
  await change(page, '.pick-kind', 1);
  await input(page, '.plate', '粤BD12345');
  await input(page, '.supplier', '钱大妈保供点');
  await input(page, '.driver-name', '李大强');
  await input(page, '.driver-phone', '13812345678');
  await change(page, '.pick-span', 1); // 3 天
  await tap(page, '.submit');
  expect(registrations().pop()!.data).toEqual({
    action: 'registerVehicle',
    kind: 'supply',
    plate: '粤BD12345',
    supplier: '钱大妈保供点',
    driverName: '李大强',
    driverPhone: '13812345678',
    fromDate: cstDate(0),
    toDate: cstDate(2),
  });
  expect(textOf(page, '.error-plate')).toBe('车牌 粤B·D12345 已登记，请先注销');
});

test('removing a vehicle asks for a reason, and sends it', async () => {
  const page = await openPage(id);
  modalReply = { confirm: true, content: '' };
  await tap(page, '.remove');
  expect(cloudCalls().filter((c) => c.data.action === 'removeVehicle')).toHaveLength(0);
  modalReply = { confirm: true, content: '保供合同到期' };
  await tap(page, '.remove');
  expect(
    cloudCalls()
      .filter((c) => c.data.action === 'removeVehicle')
      .pop()!.data,
  ).toEqual({
    action: 'removeVehicle',
    vehicleId: 'veh-1',
    reason: '保供合同到期',
  });
});
