#include "boundaries/china_provinces_table.hpp"

#include <array>

namespace covermap::boundaries {
namespace {

constexpr std::array<ChinaProvince, 34> kProvinces{{
    {"BJ", "110000", "北京市", "Beijing", "Peking|Beijing Shi"},
    {"TJ", "120000", "天津市", "Tianjin"},
    {"HE", "130000", "河北省", "Hebei"},
    {"SX", "140000", "山西省", "Shanxi"},
    {"NM", "150000", "内蒙古自治区", "Inner Mongolia",
     "Nei Mongol|Nei Menggu|Neimenggu|Inner Mongolian Autonomous Region|Nei Mongol Zizhiqu"},
    {"LN", "210000", "辽宁省", "Liaoning"},
    {"JL", "220000", "吉林省", "Jilin"},
    {"HL", "230000", "黑龙江省", "Heilongjiang"},
    {"SH", "310000", "上海市", "Shanghai"},
    {"JS", "320000", "江苏省", "Jiangsu"},
    {"ZJ", "330000", "浙江省", "Zhejiang"},
    {"AH", "340000", "安徽省", "Anhui"},
    {"FJ", "350000", "福建省", "Fujian"},
    {"JX", "360000", "江西省", "Jiangxi"},
    {"SD", "370000", "山东省", "Shandong"},
    {"HA", "410000", "河南省", "Henan"},
    {"HB", "420000", "湖北省", "Hubei"},
    {"HN", "430000", "湖南省", "Hunan"},
    {"GD", "440000", "广东省", "Guangdong"},
    {"GX", "450000", "广西壮族自治区", "Guangxi", "Guangxi Zhuang"},
    {"HI", "460000", "海南省", "Hainan"},
    {"CQ", "500000", "重庆市", "Chongqing"},
    {"SC", "510000", "四川省", "Sichuan"},
    {"GZ", "520000", "贵州省", "Guizhou"},
    {"YN", "530000", "云南省", "Yunnan"},
    {"XZ", "540000", "西藏自治区", "Tibet", "Xizang|Tibet Autonomous Region|Xizang Zizhiqu"},
    {"SN", "610000", "陕西省", "Shaanxi"},
    {"GS", "620000", "甘肃省", "Gansu"},
    {"QH", "630000", "青海省", "Qinghai"},
    {"NX", "640000", "宁夏回族自治区", "Ningxia", "Ningxia Hui"},
    {"XJ", "650000", "新疆维吾尔自治区", "Xinjiang", "Xinjiang Uygur|Xinjiang Uyghur|Sinkiang"},
    {"TW", "710000", "台湾省", "Taiwan", "Taiwan Province of China"},
    {"HK", "810000", "香港特别行政区", "Hong Kong",
     "Hongkong|Xianggang|Hong Kong SAR|HKSAR|Hong Kong, China"},
    {"MO", "820000", "澳门特别行政区", "Macao",
     "Macau|Aomen|Macao SAR|Macau SAR|MSAR|Macao, China|Macau, China"},
}};

}  // namespace

std::span<const ChinaProvince> china_provinces() {
  return kProvinces;
}

}  // namespace covermap::boundaries
