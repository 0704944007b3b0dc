/* The write peer: libxlsxwriter called directly from C, constant_memory mode, writing exactly the
 * cells fulian-bench's `write ROWS FILE` writes (same pools, same formats). It is the floor for
 * fulian's Swift wrapper (FulianExcel).
 *
 * Build (bench/run does this): cc -O2 -o .build/write_peer peers/write_peer.c $(pkg-config --cflags --libs xlsxwriter)
 * Usage: write_peer ROWS FILE      prints the number of data rows written */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define POOL 1024
static const char *SUR = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈";
static const char *GIV = "秀英华芳敏静丽娟艳霞玲桂兰凤梅琴云莲真雪荣爱红春菊萍婷慧洁倩璐瑶怡欣悦蓉";
static const char *STREETS[5] = {"东湖街道", "西岭街道", "南塘街道", "北苑街道", "青溪镇"};
static const char *PROGRAMS[4] = {"春蕾计划", "贫困母亲救助", "两癌救助", "困境儿童关爱"};
static const char *SOURCES[4] = {"区财政", "省妇联", "社会捐赠", "市慈善总会"};
static const char *HEADER[10] = {"发放日期", "姓名", "身份证号", "所属社区", "救助项目", "资金来源", "金额（元）", "家庭人口", "备注", "序号"};

static char names[POOL][16], ids[POOL][24], orgs[POOL][40], notes[POOL][24];

static void check(lxw_error err, const char *what) {
    if (err != LXW_NO_ERROR) { fprintf(stderr, "write_peer: %s: %s\n", what, lxw_strerror(err)); exit(1); }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: write_peer ROWS FILE\n"); return 64; }
    long rows = atol(argv[1]);
    for (int j = 0; j < POOL; j++) {
        /* every character of SUR and GIV is 3 UTF-8 bytes */
        memcpy(names[j], SUR + 3 * (j % 50), 3);
        memcpy(names[j] + 3, GIV + 3 * ((j / 50) % 36), 3);
        memcpy(names[j] + 6, GIV + 3 * ((j * 7) % 36), 3);
        names[j][9] = 0;
        snprintf(ids[j], sizeof ids[j], "439951%04d%02d%02d%03d%d", 1950 + j % 66, 1 + j % 12, 1 + j % 28, j % 1000, j % 10);
        snprintf(orgs[j], sizeof orgs[j], "%s第%d社区", STREETS[j % 5], j % 8 + 1);
        snprintf(notes[j], sizeof notes[j], "第%d批", j);
    }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    if (!wb) { fprintf(stderr, "write_peer: cannot create workbook\n"); return 1; }
    lxw_worksheet *ws = workbook_add_worksheet(wb, "救助明细");
    lxw_format *datef = workbook_add_format(wb);
    format_set_num_format(datef, "yyyy-mm-dd");
    lxw_format *moneyf = workbook_add_format(wb);
    format_set_num_format(moneyf, "#,##0.00");
    for (int c = 0; c < 10; c++) check(worksheet_write_string(ws, 0, c, HEADER[c], NULL), "header");
    for (long i = 0; i < rows; i++) {
        lxw_row_t r = (lxw_row_t)(i + 1);
        int j = (int)(i % POOL);
        check(worksheet_write_number(ws, r, 0, 45292 + (double)(i % 366), datef), "date");
        check(worksheet_write_string(ws, r, 1, names[j], NULL), "name");
        check(worksheet_write_string(ws, r, 2, ids[j], NULL), "id");
        check(worksheet_write_string(ws, r, 3, orgs[j], NULL), "org");
        check(worksheet_write_string(ws, r, 4, PROGRAMS[i % 4], NULL), "program");
        check(worksheet_write_string(ws, r, 5, SOURCES[(i / 4) % 4], NULL), "source");
        check(worksheet_write_number(ws, r, 6, (double)(50000 + (i * 3701) % 300000) / 100, moneyf), "amount");
        check(worksheet_write_number(ws, r, 7, (double)(1 + i % 6), NULL), "household");
        check(worksheet_write_string(ws, r, 8, notes[j], NULL), "note");
        check(worksheet_write_number(ws, r, 9, (double)(i + 1), NULL), "seq");
    }
    check(workbook_close(wb), "close");
    printf("%ld\n", rows);
    return 0;
}
