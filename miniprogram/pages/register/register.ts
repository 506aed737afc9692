/**
 * 住户登记: a newcomer gives name, ID number, phone and address. The ID number is only matched
 * (kept as a keyed hash) and the phone is kept encrypted; both are shown masked everywhere.
 * After registering the resident is yellow until a grid worker verifies them. Someone the street
 * already listed is refused and pointed to 认领住户信息 instead.
 */
import { careMode } from '../../behaviors/care-mode';
import { addressPicker } from '../../behaviors/address-picker';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors, placedErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';

/** Fields with an error line beside them; a refusal naming any other is said under the form. */
const SHOWN = ['name', 'idNumber', 'phone', 'enclosureId', 'buildingId', 'unit', 'room'];

Component({
  behaviors: [careMode, pageLife, addressPicker],
  data: {
    name: '',
    idNumber: '',
    phone: '',
    errors: {} as Record<string, string>,
    /** The street imported this person: registering again would make a second one, so they claim. */
    claimInstead: false,
    submitting: false,
    requestId: '',
  },
  methods: {
    async load() {
      if (!this.data.requestId) this.setData({ requestId: newRequestId() });
      return this.loadDirectory();
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [String(e.currentTarget.dataset.field)]: e.detail.value });
    },
    toClaim() {
      wx.navigateTo({ url: '/pages/claim/claim' });
    },
    async submit() {
      if (this.data.submitting) return;
      const address = this.pickedAddress();
      if (!address) {
        this.setData({ errors: { form: '暂无可选择的住址，请联系网格员' } });
        return;
      }
      this.setData({ submitting: true, errors: {}, claimInstead: false });
      const res = await call('residents', 'register', {
        requestId: this.data.requestId,
        name: this.data.name,
        idNumber: this.data.idNumber,
        phone: this.data.phone,
        ...address,
      });
      if (res.code !== 0) {
        this.setData({
          submitting: false,
          errors: placedErrors(fieldErrors(res), SHOWN),
          // The server's words for this case (residents.register#refuseKnownId) name the other page.
          claimInstead: res.code === 'CONFLICT' && res.message.includes('认领住户信息'),
        });
        return;
      }
      this.setData({ submitting: false });
      wx.redirectTo({ url: '/pages/pass/pass' });
    },
  },
});
