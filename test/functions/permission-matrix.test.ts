/**
 * The permission matrix: every action of every cloud function, called as each kind of caller,
 * against the policy in one table. ✓ allowed (code 0, or an answer about the input or the state),
 * ✗ refused (PERMISSION_DENIED, UNAUTHENTICATED), 登 must register first (FAILED_PRECONDITION
 * about 登记). The table says what the product wants, not what the code does: a row marked
 * `// BUG:` is where the handler answers otherwise (a hole, or a refusal under a code that reads as
 * allowed) and has to change. `MATRIX_PRINT=1` prints both matrices, `MATRIX_PRINT=all` every answer.
 *
 * Columns: no = no OPENID (the server itself: timers, the deploy script), unk = an OPENID without
 * a user, grn = the green example, red = the Wuhan returnee (isolated), hd = a verified head whose
 * household has a dependant without WeChat, pen = a newcomer pending in that household,
 * g11 = grid worker of the targets' grid (春华苑 grid 1), g12 = of the other grid of 春华苑,
 * g21 = of 立新村, vol = 春华苑's volunteer, adm = the street office, cad = 红荔社区's community
 * admin (both demo enclosures are in it; no resident or grid rights), med = 春华苑's medic. Resident actions act for the
 * caller themselves, or for the head's dependant in the rows so named; staff actions target
 * objects of 春华苑 grid 1, estate actions things of 红荔社区, or, in rows marked `elsewhere`, of a
 * second 社区 the street admin made (see matrix-fixtures.ts). The `staff` rows invite to and
 * revoke invitations of 春华苑 (or that 社区's enclosure); preview and accept open one invitation
 * per caller, each issued by adm (so adm, the issuer, may not accept; g21, staff of 立新村, is
 * answered CONFLICT: a state answer, so ✓); members, suspend and hand-over act on staff made so.
 * The `registry` rows import a one-row register into an empty 红荔社区 enclosure, or, `elsewhere`,
 * into that other 社区's (the street admin is answered with the file's problems: ✓);
 * `residents.claim` gives details no register lists (NOT_FOUND, or CONFLICT for a resident: ✓).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ts from 'typescript';
import { Estate, startEstate } from './journeys';
import { CALLERS, CallerKind, Fixtures, PAYLOADS, setUpFixtures } from './matrix-fixtures';

const HEADER = ['no', 'unk', 'grn', 'red', 'hd', 'pen', 'g11', 'g12', 'g21', 'vol', 'adm', 'cad', 'med'];

// prettier-ignore
const EXPECTED: Record<string, string> = {
  //                                    no  unk grn red hd  pen g11 g12 g21 vol adm cad med
  'account.me':                        '✗   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓',
  'admin.getRules':                    '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'admin.publishRules':                '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'admin.history':                     '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'admin.seedAdmin':                   '✓   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗',
  'admin.bootstrap':                   '✓   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗',
  'care.contact':                      '✗   登  ✓   ✓   ✓   ✗   登  登  登  登  登  登  登',
  'care.request':                      '✗   登  ✓   ✓   ✓   ✗   登  登  登  登  登  登  登',
  'care.tasks':                        '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗',
  'care.accept':                       '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗',
  'care.complete':                     '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗',
  'care.enrol':                        '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'care.unenrol':                      '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'care.subjects':                     '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✓   ✗   ✗   ✗',
  'care.flat':                         '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'care.logContact':                   '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗',
  'clues.report':                      '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'clues.mine':                        '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'clues.queue':                       '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✓   ✓   ✗',
  'clues.assign':                      '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✓   ✓   ✗',
  'clues.handle':                      '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✓   ✓   ✗',
  'duty.people':                       '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'duty.planShift':                    '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'duty.cancelShift':                  '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'duty.shifts':                       '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✓   ✗   ✗   ✗',
  'duty.startShift':                   '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗',
  'duty.handOver':                     '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗',
  'duty.onDuty':                       '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✓   ✗   ✗   ✗',
  'duty.planRound':                    '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'duty.endRound':                     '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'duty.rounds':                       '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✓   ✗   ✗   ✗',
  'duty.checkRound':                   '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✓   ✗   ✗   ✗',
  'duty.missed':                       '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'notices.scopes':                    '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✓   ✓   ✗',
  'notices.sent':                      '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✓   ✓   ✗',
  'notices.publish':                   '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✓   ✓   ✗',
  'notices.inbox':                     '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'notices.open':                      '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'notices.subscribe':                 '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'notices.push':                      '✓   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗',
  'notices.push (timer event)':        '✓   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗',
  'notices.reads':                     '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✓   ✓   ✗',
  'health.desk':                       '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓',
  'health.clear':                      '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓',
  'health.sample':                     '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓',
  'health.results':                    '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓',
  'health.stationIn':                  '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓',
  'health.transfer':                   '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✓',
  'health.returnHome':                 '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✓',
  'health.planVisit':                  '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✓',
  'health.recordVisit':                '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✓',
  'health.visits':                     '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✓',
  'health.stationOut':                 '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓',
  'estate.tree':                       '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.enclosure':                  '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.enclosure (elsewhere)':      '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'estate.overview':                   '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.map':                        '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.map (elsewhere)':            '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'estate.save (community)':           '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'estate.save (enclosure)':           '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.save (enclosure elsewhere)': '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'estate.save (building)':            '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.save (gate)':                '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.save (gate elsewhere)':      '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'estate.save (grid)':                '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.save (edit gate)':           '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.save (edit elsewhere)':      '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'estate.placement':                  '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.placement (elsewhere)':      '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'estate.place':                      '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.retire':                     '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'estate.retire (community)':         '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'estate.retire (elsewhere)':         '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'gate.scan':                         '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'gate.visitor':                      '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'gate.registerVisitor':              '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'gate.requestVisit':                 '✗   登  ✓   ✓   ✓   ✗   登  登  登  登  登  登  登',
  'gate.myVisits':                     '✗   登  ✓   ✓   ✓   ✗   登  登  登  登  登  登  登',
  'gate.cancelVisit':                  '✗   登  ✓   ✓   ✓   ✗   登  登  登  登  登  登  登',
  'gate.visits':                       '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'gate.decideVisit':                  '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'gate.registerVehicle':              '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'gate.vehicles':                     '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'gate.removeVehicle':                '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'gate.vehicle':                      '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'gate.snapshot':                     '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'gate.sync':                         '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'grid.map':                          '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'grid.building':                     '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'grid.verificationQueue':            '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'grid.gateLogs':                     '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'grid.appeals':                      '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'grid.plan':                         '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'grid.publicPlan':                   '✗   登  ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   登  登  ✓',
  'grid.todo':                         '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'grid.cardHolders':                  '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'grid.issueCard':                    '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'grid.card':                         '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'grid.revokeCard':                   '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'grid.answerAppeal':                 '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'grid.export':                       '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'grid.retention':                    '✓   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗',
  'grid.nightly':                      '✓   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗',
  'grid.nightly (timer event)':        '✓   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗',
  'groupbuy.create':                   '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'groupbuy.batches':                  '✗   登  ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   登  登  ✓',
  'groupbuy.batch':                    '✗   ✗   ✓   ✓   ✓   ✓   ✓   ✓   ✗   ✓   ✗   ✗   ✓',
  'groupbuy.close':                    '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'groupbuy.cancelBatch':              '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'groupbuy.appoint':                  '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'groupbuy.order':                    '✗   登  ✓   ✓   ✓   ✗   登  登  登  登  登  登  登',
  'groupbuy.cancel':                   '✗   登  ✓   ✓   ✓   ✗   登  登  登  登  登  登  登',
  'groupbuy.myOrders':                 '✗   登  ✓   ✓   ✓   ✗   登  登  登  登  登  登  登',
  'groupbuy.confirm':                  '✗   登  ✓   ✗   ✗   ✗   登  登  登  登  登  登  登',
  'groupbuy.complain':                 '✗   登  ✓   ✗   ✗   ✗   登  登  登  登  登  登  登',
  'groupbuy.pickList':                 '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'groupbuy.arrived':                  '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'groupbuy.deliveries':               '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗',
  'groupbuy.delivered':                '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗',
  'groupbuy.complaints':               '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'groupbuy.answer':                   '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗   ✗   ✗   ✗   ✗',
  'quarantine.mine':                   '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'quarantine.mine (dependant)':       '✗   登  ✗   ✗   ✓   ✗   登  登  登  登  登  登  登',
  'quarantine.checkin':                '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'quarantine.checkin (dependant)':    '✗   登  ✗   ✗   ✓   ✗   登  登  登  登  登  登  登',
  'quarantine.subscribe':              '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'quarantine.isolateUnit':            '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'quarantine.roster':                 '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✓   ✗   ✗   ✗   ✗',
  'quarantine.decide':                 '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'quarantine.callResident':           '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'quarantine.tick':                   '✓   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗',
  'quarantine.tick (timer event)':     '✓   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗',
  'registry.template':                 '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'registry.check':                    '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'registry.check (elsewhere)':        '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'registry.apply':                    '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'registry.apply (elsewhere)':        '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'residents.me':                      '✗   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓',
  'residents.directory':               '✗   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓',
  'residents.addDependant':            '✗   登  ✓   ✗   ✓   ✗   登  登  登  登  登  登  登',
  'residents.registerAtDoor':          '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'residents.acceptMember':            '✗   登  ✗   ✗   ✓   ✗   登  登  登  登  登  登  登',
  'residents.report':                  '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'residents.report (dependant)':      '✗   登  ✗   ✗   ✓   ✗   登  登  登  登  登  登  登',
  'residents.pass':                    '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'residents.pass (dependant)':        '✗   登  ✗   ✗   ✓   ✗   登  登  登  登  登  登  登',
  'residents.verify':                  '✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗   ✗   ✗   ✗   ✗',
  'residents.appeal':                  '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'residents.appeal (dependant)':      '✗   登  ✗   ✗   ✓   ✗   登  登  登  登  登  登  登',
  'residents.history':                 '✗   登  ✓   ✓   ✓   ✓   登  登  登  登  登  登  登',
  'residents.history (dependant)':     '✗   登  ✗   ✗   ✓   ✗   登  登  登  登  登  登  登',
  'residents.claim':                   '✗   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓',
  'staff.invite':                      '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'staff.invite (elsewhere)':          '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'staff.invite (community admin)':    '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'staff.invite (admin)':              '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'staff.preview':                     '✗   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓',
  'staff.invitations':                 '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'staff.revoke':                      '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'staff.revoke (elsewhere)':          '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'staff.members':                     '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'staff.suspend':                     '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'staff.suspend (elsewhere)':         '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'staff.handOver':                    '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✓   ✗',
  'staff.handOver (elsewhere)':        '✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✗   ✓   ✗   ✗',
  'residents.register':                '✗   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓',
  'staff.accept':                      '✗   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✗   ✓   ✓',
};

type Cell = '✓' | '✗' | '登' | '?';
interface Answer {
  cell: Cell;
  code: string | number;
  message: string;
}

/** The brief's reading of an answer: allowed, refused, or "register first". */
function classify(body: Record<string, unknown>): Cell {
  const message = String(body.message ?? '');
  switch (body.code) {
    case 0:
    case 'INVALID_ARGUMENT':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'RESOURCE_EXHAUSTED':
      return '✓';
    case 'FAILED_PRECONDITION':
      return message.includes('登记') ? '登' : '✓';
    case 'PERMISSION_DENIED':
    case 'UNAUTHENTICATED':
      return '✗';
    default:
      return '?'; // INTERNAL, UNKNOWN_ACTION, or a code this test does not know
  }
}

const cellsOf = (row: string) => EXPECTED[row].trim().split(/\s+/) as Cell[];
const rowWidth = Math.max(...Object.keys(EXPECTED).map((r) => r.length)) + 2;
/** A cell four columns wide, as a monospace terminal shows it (登 is two columns). */
const pad = (text: string) =>
  text + ' '.repeat(Math.max(1, 4 - [...text].reduce((w, c) => w + (c === '登' ? 2 : 1), 0)));

function render(cells: (row: string) => string[]): string {
  const lines = [' '.repeat(rowWidth) + HEADER.map(pad).join('')];
  for (const row of Object.keys(EXPECTED)) lines.push(row.padEnd(rowWidth) + cells(row).map(pad).join(''));
  return lines.join('\n');
}

/** Every action each function declares (to defineFunction, or createMain), read from its source: `fn.action`. */
function declaredActions(): string[] {
  const root = path.join(__dirname, '../../cloudfunctions');
  return fs
    .readdirSync(root)
    .filter((fn) => fs.existsSync(path.join(root, fn, 'src/index.ts')))
    .flatMap((fn) => {
      const file = path.join(root, fn, 'src/index.ts');
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ['createMain', 'defineFunction'].includes(node.expression.getText(source))) {
          const [name, actions] = node.arguments;
          if (!name || !ts.isStringLiteral(name) || !actions || !ts.isObjectLiteralExpression(actions))
            throw new Error(`${file}: the function is not defined with a name and an object literal of actions`);
          for (const p of actions.properties) {
            if (!p.name) throw new Error(`${file}: an action without a name (a spread?)`);
            found.push(`${name.text}.${p.name.getText(source)}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      return found;
    })
    .sort();
}

let estate: Estate;
let fx: Fixtures;

beforeAll(async () => {
  estate = await startEstate();
  fx = await setUpFixtures(estate);
}, 60_000);
afterAll(() => estate.cloud.stop());

test('the table has one row for every action every function declares, and a payload for each row', () => {
  const rows = Object.keys(EXPECTED);
  expect([...new Set(rows.map((r) => r.split(' ')[0]))].sort()).toEqual(declaredActions());
  expect(rows.filter((r) => !PAYLOADS[r])).toEqual([]);
  expect(Object.keys(PAYLOADS).filter((r) => !EXPECTED[r])).toEqual([]);
  expect(
    rows.filter((r) => cellsOf(r).length !== CALLERS.length || cellsOf(r).some((c) => !'✓✗登'.includes(c))),
  ).toEqual([]);
});

test('every caller gets what the policy says from every action', async () => {
  const observed: Record<string, Answer[]> = {};
  const problems: string[] = [];
  const rank = { '✗': 0, 登: 0, '?': 0, '✓': 1 };
  for (const row of Object.keys(EXPECTED)) {
    const [, fn, action] = /^(\w+)\.(\w+)/.exec(row)!;
    const expected = cellsOf(row);
    observed[row] = [];
    // Refused callers first: an allowed call may change the state (close a batch, answer an appeal).
    const order = CALLERS.map((_, i) => i).sort((a, b) => rank[expected[a]] - rank[expected[b]]);
    for (const i of order) {
      const caller: CallerKind = CALLERS[i];
      const event = { action, ...PAYLOADS[row](fx, caller) };
      const body = await estate.call(fn, fx.openid[caller], event);
      const answer = { cell: classify(body), code: body.code, message: String(body.message ?? '') };
      observed[row][i] = answer;
      if (body.code === 'INTERNAL' || answer.cell === '?')
        problems.push(`${row} × ${caller}: ${body.code} ${answer.message} — event ${JSON.stringify(event)}`);
      // Every payload is meant to be valid: a field error would hide the permission decision.
      if (body.code === 'INVALID_ARGUMENT') problems.push(`${row} × ${caller}: invalid payload: ${answer.message}`);
    }
  }
  const differs = (row: string, i: number) => observed[row][i].cell !== cellsOf(row)[i];
  const differences = Object.keys(EXPECTED).flatMap((row) =>
    CALLERS.flatMap((caller, i) =>
      differs(row, i)
        ? [
            `${row} × ${caller}: policy ${cellsOf(row)[i]}, observed ${observed[row][i].cell} — ` +
              `${observed[row][i].code} ${observed[row][i].message}`,
          ]
        : [],
    ),
  );
  if (process.env.MATRIX_PRINT || differences.length > 0)
    console.log(
      `EXPECTED (the policy)\n${render(cellsOf)}\n\nOBSERVED (* differs from the policy)\n` +
        render((row) => observed[row].map((a, i) => a.cell + (differs(row, i) ? '*' : ''))) +
        `\n\nDIFFERENCES\n${differences.join('\n')}`,
    );
  if (process.env.MATRIX_PRINT === 'all')
    console.log(
      Object.entries(observed)
        .flatMap(([row, answers]) => answers.map((a, i) => `${row} × ${CALLERS[i]}: ${a.cell} ${a.code} ${a.message}`))
        .join('\n'),
    );
  expect(problems).toEqual([]);
  expect(differences).toEqual([]);
}, 180_000);

test("the lists a grid worker may read hold only their own grid's buildings", async () => {
  // An allowed list may still leak: every building and resident in it must be of the caller's grid.
  const one = (collection: string, id: string) =>
    estate.cloud.db.find(collection, { _id: id }, { limit: 1 }).docs[0] as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  const buildingsIn = (value: unknown): string[] => {
    if (Array.isArray(value)) return value.flatMap(buildingsIn);
    if (!value || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, v]) => {
      if (key === 'buildingId' && typeof v === 'string') return [v];
      if (key === 'residentId' && typeof v === 'string') return [one('residents', v)?.buildingId ?? `unknown ${v}`];
      return buildingsIn(v);
    });
  };
  const workers = [
    ['demo-grid-11', 'enc-chunhua-grid-1'],
    ['demo-grid-12', 'enc-chunhua-grid-2'],
    ['demo-grid-21', 'enc-lixin-grid-1'],
  ];
  for (const [worker, gridId] of workers) {
    const mine: string[] = one('grids', gridId)!.buildingIds;
    const seen: string[] = [];
    for (const [fn, action] of [
      ['grid', 'map'],
      ['grid', 'verificationQueue'],
      ['grid', 'appeals'],
      ['quarantine', 'roster'],
    ]) {
      const res = await estate.call(fn, worker, { action });
      expect(res.code).toBe(0);
      seen.push(...buildingsIn(res.data));
    }
    expect(seen.length).toBeGreaterThan(0);
    expect({ worker, outside: [...new Set(seen.filter((b) => !mine.includes(b)))] }).toEqual({ worker, outside: [] });
  }
});
