import * as echarts from 'echarts';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 });
chart.setOption({ animation:false, xAxis: { type: 'category', data: ['龙水', '邮亭'] }, yAxis: [{ type: 'value' },{type:'value', max:1}], legend:{data:['受理','按时办结率']}, series: [{ name:'受理', type: 'bar', data: [6, 2] },{name:'按时办结率', type:'line', yAxisIndex:1, data:[0.66,0.5]}] });
const svg = chart.renderToSVGString();
console.log(svg.length, (svg.match(/style="/g)||[]).length, (svg.match(/<style/g)||[]).length);
console.log(svg.slice(0, 600));
