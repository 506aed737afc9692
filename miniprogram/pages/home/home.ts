/**
 * 首页: who I am in this estate (name, enclosure, roles). The roles come from the `account`
 * function, which reads them by the trusted OPENID, never from anything stored on the phone.
 */
import { call } from '../../services/cloud';
import { roleLabels } from '../../utils/roles';

Component({
  data: {
    loading: true,
    error: '',
    displayName: '',
    enclosureName: '',
    roleLabels: [] as string[],
    newcomer: false,
  },
  methods: {
    onLoad() {
      void this.refresh();
    },
    async refresh() {
      this.setData({ loading: true, error: '' });
      const res = await call('account', 'me', {});
      if (res.code !== 0) {
        this.setData({ loading: false, error: res.message });
        return;
      }
      const me = res.data;
      this.setData({
        loading: false,
        displayName: me.displayName ?? '',
        enclosureName: me.enclosureName ?? '',
        roleLabels: roleLabels(me.roles),
        newcomer: me.roles.length === 0,
      });
    },
  },
});
