/** 关爱对象's words, as grid workers and volunteers read them (cloud and phone alike). */
import type { CareCategory, CareKind, CareOutcome, CareWay } from '../../typings';

export const CATEGORY_NAMES: Record<CareCategory, string> = {
  livingAlone: '独居老人',
  elderly: '高龄老人',
  disabled: '残疾人',
  pregnant: '孕产妇',
  chronic: '慢性病患者',
};

export const WAY_NAMES: Record<CareWay, string> = { visit: '上门探访', call: '电话问候' };

/** Contact outcomes in the order the page offers them. */
export const CARE_OUTCOME_NAMES: Record<CareOutcome, string> = {
  well: '一切正常',
  needs: '有生活需求',
  unwell: '身体不适',
  unreached: '未联系上',
};

/** What a household (or a volunteer for a 关爱对象) may ask for. */
export const KIND_NAMES: Record<CareKind, string> = {
  supplies: '代购生活物资',
  meal: '送餐',
  medicine: '代购药品',
  rubbish: '上门收垃圾',
};
