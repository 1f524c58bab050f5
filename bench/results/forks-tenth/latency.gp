set terminal pngcairo size 960,600 font 'sans,10' noenhanced
set output 'latency.png'
set title 'POST /api/orders latency at 884 orders/s, constant arrival rate (Hyperfoil), median of 2 run(s)'
set logscale x
set logscale y
set grid xtics ytics mytics
set xlabel 'percentile'
set ylabel 'latency (ms)'
set key top left
set xtics ('10%%' 1.111, '50%%' 2, '90%%' 10, '99%%' 100, '99.9%%' 1000, '99.99%%' 10000)
set xrange [1.1:12000]
plot 'latency.dat' using 2:3 with linespoints lw 2 title 'tracing off', 'latency.dat' using 2:4 with linespoints lw 2 title 'tracing on, 10 % sampling'
