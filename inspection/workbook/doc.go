// Package workbook writes a round's progress to target (inspection.Progress) as an XLSX
// workbook with a native Excel chart: the figures a steering committee puts in its
// report, and the chart it shows, in a file it can keep working on.
//
// It uses github.com/xuri/excelize/v2, the maintained writer of every XLSX the service
// hands out (the register's too), which draws native charts. It depends on inspection and
// excelize, never on HTTP or a database.
package workbook
