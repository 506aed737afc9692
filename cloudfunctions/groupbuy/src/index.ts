/**
 * `groupbuy` (社区团购): an organiser opens a batch for their enclosure and shares it into the
 * building group chats; households order, change or cancel before the cut-off without ever
 * overselling; afterwards pick lists, labels, contactless delivery to isolated households by
 * volunteers, receipts and complaints.
 */
import { defineFunction } from '../../../server/action';
import { appoint, batch, batches, cancelBatch, close, create } from './batches';
import { answer, arrived, complaints, deliveries, delivered, pickList } from './fulfil';
import { cancel, complain, confirm, myOrders, order } from './household-orders';

export const main = defineFunction('groupbuy', {
  create,
  batches,
  batch,
  close,
  cancelBatch,
  appoint,
  order,
  cancel,
  myOrders,
  confirm,
  complain,
  pickList,
  arrived,
  deliveries,
  delivered,
  complaints,
  answer,
});
