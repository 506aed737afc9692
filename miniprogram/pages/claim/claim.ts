/**
 * 认领住户信息: a resident the street already listed (一人一档) takes up their record by giving
 * name, ID number and flat exactly as the register has them; no phone, as the register may not
 * have one. The server does not say which detail was wrong, and stops a WeChat user for an hour
 * after five wrong tries; both answers are shown as the server words them.
 */
import { careMode } from '../../behaviors/care-mode';
import { addressPicker } from '../../behaviors/address-picker';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors, placedErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';

/** Fields with an error line beside them; a refusal naming any other is said under the form. */
const SHOWN = ['name', 'idNumber', 'enclosureId', 'buildingId', 'unit', 'room'];

Component({
  behaviors: [careMode, pageLife, addressPicker],
  data: {
    name: '',
    idNumber: '',
    errors: {} as Record<string, string>,
    /** Too many wrong tries this hour: said on its own, not as a field to correct. */
    exhausted: '',
    submitting: false,
    requestId: '',
  },
  methods: {
    async load() {
      // One id until the claim succeeds: a resend after a lost answer gets the first answer back.
      if (!this.data.requestId) this.setData({ requestId: newRequestId() });
      return this.loadDirectory();
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [String(e.currentTarget.dataset.field)]: e.detail.value });
    },
    async submit() {
      if (this.data.submitting) return;
      const address = this.pickedAddress();
      if (!address) {
        this.setData({ errors: { form: '暂无可选择的住址，请联系网格员' } });
        return;
      }
      this.setData({ submitting: true, errors: {}, exhausted: '' });
      const res = await call('residents', 'claim', {
        requestId: this.data.requestId,
        name: this.data.name,
        idNumber: this.data.idNumber,
        ...address,
      });
      if (res.code === 'RESOURCE_EXHAUSTED') {
        this.setData({ submitting: false, exhausted: res.message });
        return;
      }
      if (res.code !== 0) {
        this.setData({ submitting: false, errors: placedErrors(fieldErrors(res), SHOWN) });
        return;
      }
      this.setData({ submitting: false });
      wx.redirectTo({ url: '/pages/pass/pass' });
    },
  },
});
