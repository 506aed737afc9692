/**
 * The demo estate that `npm start` seeds: two enclosures of a street (街道), twenty buildings,
 * about two thousand residents in households, grid workers, gates, volunteers and an admin.
 * Deterministic (a fixed pseudo-random sequence) so screenshots, tests and docs agree.
 * Every person here is invented; phone and ID numbers are not generated at all.
 */

import { maskName } from '../core/mask';

export interface DemoData {
  collections: Record<string, Record<string, unknown>[]>;
  logins: { openid: string; role: string; label: string }[];
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宇浩然欣怡子涵梓轩诗雨佳琪';

/** mulberry32: small, fast, good enough for invented demo people. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMUNITY = { _id: 'com-hongli', name: '红荔社区' };
const ENCLOSURES = [
  { id: 'enc-chunhua', name: '春华苑', type: 'estate', buildings: 12, gates: ['东门', '南门'] },
  { id: 'enc-lixin', name: '立新村', type: 'village', buildings: 8, gates: ['北门'] },
];
const UNITS_PER_BUILDING = 2;
const FLOORS = 8;
const ROOMS_PER_FLOOR = 2;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function demoEstate(seed = 20200210): DemoData {
  const rand = random(seed);
  const pick = (chars: string) => chars[Math.floor(rand() * chars.length)];
  const name = () => pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
  const collections: DemoData['collections'] = {
    communities: [{ ...COMMUNITY, createdAt: new Date('2020-02-01T00:00:00Z') }],
    enclosures: [],
    buildings: [],
    households: [],
    residents: [],
    gates: [],
    grids: [],
    users: [],
  };
  const logins: DemoData['logins'] = [];
  let residentSeq = 0;
  let loginSeq = 0;

  ENCLOSURES.forEach((enc, e) => {
    collections.enclosures.push({
      _id: enc.id,
      name: enc.name,
      type: enc.type,
      address: '',
      street: '园岭街道',
      communityId: COMMUNITY._id,
      community: COMMUNITY.name,
    });
    enc.gates.forEach((gateName, g) =>
      collections.gates.push({ _id: `${enc.id}-gate-${g + 1}`, enclosureId: enc.id, name: `${enc.name}${gateName}` }),
    );
    const buildingIds: string[] = [];
    for (let b = 1; b <= enc.buildings; b++) {
      const buildingId = `${enc.id}-b${pad(b, 2)}`;
      buildingIds.push(buildingId);
      collections.buildings.push({
        _id: buildingId,
        enclosureId: enc.id,
        name: `${b}栋`,
        units: UNITS_PER_BUILDING,
        floors: FLOORS,
      });
      for (let unit = 1; unit <= UNITS_PER_BUILDING; unit++) {
        for (let floor = 1; floor <= FLOORS; floor++) {
          for (let r = 1; r <= ROOMS_PER_FLOOR; r++) {
            if (rand() < 0.06) continue; // a few flats stand empty
            const room = `${floor}${pad(r, 2)}`;
            const householdId = `${buildingId}-u${unit}-${room}`;
            const size = 1 + Math.floor(rand() * 5.6);
            const memberIds: string[] = [];
            for (let m = 0; m < size; m++) {
              residentSeq++;
              const residentId = `res-${pad(residentSeq, 5)}`;
              const isChild = m >= 2 && rand() < 0.5;
              const isElder = !isChild && m >= 2 && rand() < 0.5;
              const hasPhone = !isChild && !isElder;
              const openid = hasPhone ? `demo-resident-${pad(residentSeq, 5)}` : undefined;
              memberIds.push(residentId);
              const fullName = name();
              collections.residents.push({
                _id: residentId,
                name: fullName,
                maskedName: maskName(fullName),
                householdId,
                enclosureId: enc.id,
                buildingId,
                buildingName: `${b}栋`,
                unit,
                floor,
                room,
                relation: m === 0 ? 'head' : isChild ? 'child' : isElder ? 'elder' : 'member',
                birthYear: isChild
                  ? 2008 + Math.floor(rand() * 12)
                  : isElder
                    ? 1935 + Math.floor(rand() * 25)
                    : 1960 + Math.floor(rand() * 40),
                ...(openid ? { openid } : {}),
              });
              if (openid) {
                collections.users.push({ _id: openid, roles: ['resident'], residentId, homeEnclosureId: enc.id });
                if (loginSeq++ < 3)
                  logins.push({ openid, role: 'resident', label: `居民 · ${enc.name}${b}栋${unit}单元${room}` });
              }
            }
            collections.households.push({
              _id: householdId,
              enclosureId: enc.id,
              buildingId,
              unit,
              floor,
              room,
              headResidentId: memberIds[0],
              memberIds,
            });
          }
        }
      }
    }
    // Two grids per enclosure, each with its worker; each worker also guards the enclosure's gates.
    const half = Math.ceil(buildingIds.length / 2);
    [buildingIds.slice(0, half), buildingIds.slice(half)].forEach((ids, g) => {
      const gridId = `${enc.id}-grid-${g + 1}`;
      const workerOpenid = `demo-grid-${e + 1}${g + 1}`;
      collections.grids.push({
        _id: gridId,
        enclosureId: enc.id,
        name: `${enc.name}第${g + 1}网格`,
        buildingIds: ids,
        workerOpenids: [workerOpenid],
      });
      collections.users.push({
        _id: workerOpenid,
        roles: ['grid_worker'],
        name: `网格员${name()}`,
        enclosureId: enc.id,
        gridIds: [gridId],
        gateIds: enc.gates.map((_, i) => `${enc.id}-gate-${i + 1}`),
      });
      logins.push({ openid: workerOpenid, role: 'grid_worker', label: `网格员 · ${enc.name}第${g + 1}网格` });
    });
    const volunteer = `demo-volunteer-${e + 1}`;
    collections.users.push({ _id: volunteer, roles: ['volunteer'], name: `志愿者${name()}`, enclosureId: enc.id });
    logins.push({ openid: volunteer, role: 'volunteer', label: `志愿者 · ${enc.name}` });
    // A fixed name: drawing one would shift every name drawn after it.
    const medic = `demo-medic-${e + 1}`;
    collections.users.push({ _id: medic, roles: ['medic'], name: `${enc.name}社区医生`, enclosureId: enc.id });
    logins.push({ openid: medic, role: 'medic', label: `医务人员 · ${enc.name}` });
  });
  collections.users.push({ _id: 'demo-admin', roles: ['admin'], name: '街道管理员' });
  logins.push({ openid: 'demo-admin', role: 'admin', label: '街道管理员' });
  collections.users.push({
    _id: 'demo-community-admin',
    roles: ['community_admin'],
    name: `社区管理员${name()}`,
    communityId: COMMUNITY._id,
  });
  logins.push({ openid: 'demo-community-admin', role: 'community_admin', label: `社区管理员 · ${COMMUNITY.name}` });
  return { collections, logins };
}
