/**
 * The register template: an xlsx with the columns in order, one example row (an invented person
 * whose ID number passes the check digit), and the ID column formatted as text so Excel keeps all
 * 18 digits. Written once to storage; later calls hand out the same file.
 */
import ExcelJS from 'exceljs';
import { REGISTER_COLUMNS } from '../../../core/register-rows';
import { uploadWithLink } from '../../../server/cloud';

const PATH = 'templates/住户名册模板-v1.xlsx';
/** Invented: 110105 (北京朝阳) 1980-01-01, sequence 123, check digit computed. */
const EXAMPLE = ['1栋', '1', '501', '张三', '户主', '110105198001011238', '13800138000'];

export async function templateBuffer(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户名册');
  sheet.columns = REGISTER_COLUMNS.map((header) => ({ header, key: header, width: header === '身份证号' ? 22 : 12 }));
  sheet.getColumn('身份证号').numFmt = '@';
  sheet.getColumn('手机号').numFmt = '@';
  sheet.addRow(EXAMPLE);
  sheet.getRow(1).font = { bold: true };
  const notes = workbook.addWorksheet('填写说明');
  for (const line of [
    '每行一人；同一房屋的人楼栋、单元、房号相同，且只有一位户主。',
    '楼栋名称与街道工作台中的楼栋名称一致，如“1栋”“3号楼”。',
    '房号：按楼层编号的楼栋填 501、1203；按门牌编号的楼栋（如城中村出租屋）照门牌填写，如 A12。',
    '与户主关系：户主、配偶、子女、老人（父母、祖父母）或其他。',
    '身份证号请以文本格式填写（本模板已设置），不要用公式。老人、儿童可不填手机号。',
    '导入前会先检查，所有问题按行列列出，改正后再导入；重复导入同一文件不会重复登记。',
  ])
    notes.addRow([line]);
  notes.getColumn(1).width = 90;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function templateFile(): Promise<{ fileID: string; url: string }> {
  return uploadWithLink(PATH, await templateBuffer());
}
