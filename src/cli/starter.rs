//! `itadoc new`: a commented starter YAML in Thai, following the input contract.

use std::process::ExitCode;

use chrono::Datelike;

/// `itadoc new [--year Y]`: prints the starter file for `year` (default:
/// [`default_year`], the last year whose results are out).
pub fn run(year: Option<u16>) -> ExitCode {
    let text = yaml(year.unwrap_or_else(default_year));
    super::out(text.trim_end_matches('\n'));
    ExitCode::SUCCESS
}

/// The current fiscal year in the Buddhist era (the year that ends on 30 September).
pub fn current_fiscal_year() -> u16 {
    let today = chrono::Local::now().date_naive();
    let ce = if today.month() >= 10 {
        today.year() + 1
    } else {
        today.year()
    };
    (ce + 543) as u16
}

/// The year `itadoc new` writes by default: the last fiscal year whose results are
/// out. The NACC announces a year's results by the end of that fiscal year, so in
/// fiscal year Y the memo analyses the results of Y - 1 and plans for Y.
pub fn default_year() -> u16 {
    current_fiscal_year() - 1
}

/// The starter file for fiscal year `year` (Buddhist era).
pub fn yaml(year: u16) -> String {
    let next = year + 1;
    format!(
        r#"# ข้อมูลผลการประเมินคุณธรรมและความโปร่งใส (ITA) ของหน่วยงาน ๑ ปีงบประมาณ
# ปี {year} คือปีงบประมาณของผลการประเมินที่บันทึกนี้วิเคราะห์ แผนยกระดับเป็นของปีงบประมาณ {next}
# แก้ไขค่าด้านล่าง แล้วสั่ง:  itadoc check ไฟล์นี้.yaml  และ  itadoc render ไฟล์นี้.yaml -o out
# ช่องที่จำเป็น: agency.name, year, result.indicators  ช่องอื่นเว้นได้ โปรแกรมจะเขียนข้อความให้

agency:
  name: องค์การบริหารส่วนตำบลตัวอย่าง     # ชื่อเต็มของหน่วยงาน (จำเป็น)
  district: เมือง                         # อำเภอ (ไม่ต้องพิมพ์คำว่า อำเภอ)
  province: ขอนแก่น                       # จังหวัด (ไม่ต้องพิมพ์คำว่า จังหวัด)
  office: สำนักปลัด                        # ส่วนราชการเจ้าของบันทึกข้อความ
  code: ขก 00000                          # รหัสหนังสือ (ที่ ขก 00000/...)
  # emblem: krut.png                      # ไฟล์ตราครุฑ (ถ้าไม่ใส่ จะใช้ภาพตราอย่างง่ายที่มากับโปรแกรม)

year: {year}                              # ปีงบประมาณ พ.ศ. (จำเป็น)

result:
  indicators:                             # คะแนน ๑๐ ตัวชี้วัด ๐-๑๐๐ (จำเป็น)
    1: 0
    2: 0
    3: 0
    4: 0
    5: 0
    6: 0
    7: 0
    8: 0
    9: 0
    10: 0
  # overall: 0                            # คะแนนรวมที่ประกาศ (โปรแกรมจะคำนวณเทียบให้)
  # level: ผ่านดี                          # ระดับที่ประกาศ
  # questions:                            # คะแนนรายข้อคำถาม (ถ้ามี) เช่น
  #   i1: 98.06
  #   e1: {{public: 99.20, survey: 86.36}}
  #   o1: 50

# history:                                # ผลปีก่อน ๆ (ถ้ามี)
#   - {{year: {prev}, overall: 0, level: ผ่าน}}

memo:                                     # บันทึกข้อความรายงานผลการวิเคราะห์
  number: ""                              # เลขที่หนังสือ เว้นว่างไว้เติมด้วยมือได้
  date: {year}-08-15                      # วันที่ (ปี พ.ศ. หรือ ค.ศ.)
  # to: นายกองค์การบริหารส่วนตำบลตัวอย่าง   # เรียน (ถ้าไม่ใส่ โปรแกรมเขียนให้จากชื่อหน่วยงาน)
  author: {{name: นายตัวอย่าง ใจดี, position: นักทรัพยากรบุคคล}}
  chain:                                  # ผู้ให้ความเห็นตามลำดับ
    - {{title: ความเห็นปลัด, name: นายตัวอย่าง สอง, position: ปลัดองค์การบริหารส่วนตำบลตัวอย่าง}}

announcement:                             # ประกาศผลการประเมิน
  date: {year}-08-20
  signer: {{name: นายตัวอย่าง สาม, position: นายกองค์การบริหารส่วนตำบลตัวอย่าง}}

# plan:                                   # แผนยกระดับปีงบประมาณ {next} (ถ้าไม่ใส่ ใช้มาตรการตั้งต้นของโปรแกรม)
#   measures:
#     - indicator: 9
#       title: ปรับปรุงข้อมูลบนเว็บไซต์ให้ครบถ้วน
#       steps: [ตรวจรายการข้อมูลที่ต้องเปิดเผย, นำข้อมูลขึ้นเว็บไซต์]
#       owner: [สำนักปลัด]
#       status: not_started               # not_started | in_progress | done

# meeting:                                # สรุปการประชุมเตรียมความพร้อม (ถ้ามี)
#   date: {year}-03-20
#   time: "09:30"
#   place: ห้องประชุมสำนักงาน

settings:
  thai_digits: true                       # ใช้เลขไทยทั้งเอกสาร
"#,
        prev = year - 1
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn starter_names_the_year() {
        let y = super::yaml(2568);
        assert!(y.contains("year: 2568"));
        assert!(y.contains("ปีงบประมาณ 2569"));
    }
}
