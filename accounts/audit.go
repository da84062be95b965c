package accounts

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"vanthu/access"
)

// Audit returns the audit rows f selects, newest first. Only an actor allowed audit.read
// over the whole organisation reads the log: it names every unit's users.
func (s *Service) Audit(ctx context.Context, f access.AuditFilter) ([]access.AuditEntry, error) {
	if err := access.Require(ctx, access.AuditRead, access.Everywhere, s.tree()); err != nil {
		return nil, err
	}
	return s.db.Audit(ctx, f)
}

// auditHeader is the header row of the CSV export, in Vietnamese for the people who open
// it in a spreadsheet; the hashes let them check a row against a later verification.
var auditHeader = []string{"STT", "Thời điểm (UTC)", "Mã người dùng", "Tên đăng nhập", "Vai trò", "Đơn vị",
	"Hành động", "Đối tượng", "Mã yêu cầu", "Địa chỉ máy", "SHA-256 đối tượng", "Mã băm dòng trước", "Mã băm"}

// AuditCSV writes the rows f selects as CSV (UTF-8 with BOM, so spreadsheet programs read
// the Vietnamese correctly), paging through the log until f.Limit rows or the end (at
// most 100,000 rows; narrow the filter for more).
func (s *Service) AuditCSV(ctx context.Context, f access.AuditFilter, w io.Writer) error {
	if err := access.Require(ctx, access.AuditRead, access.Everywhere, s.tree()); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(auditHeader); err != nil {
		return err
	}
	const maxRows = 100_000
	written := 0
	f.Limit = access.MaxAuditPage
	for written < maxRows {
		rows, err := s.db.Audit(ctx, f)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := cw.Write([]string{strconv.FormatInt(r.Seq, 10), r.At.UTC().Format(time.RFC3339Nano),
				strconv.FormatInt(r.UserID, 10), cell(r.Login), cell(r.Role), cell(r.UnitID), r.Action, cell(r.Object),
				cell(r.RequestID), cell(r.ClientAddr), r.ObjectSHA256, r.PrevHash, r.Hash}); err != nil {
				return err
			}
		}
		written += len(rows)
		if len(rows) < f.Limit {
			break
		}
		f.Before = rows[len(rows)-1].Seq
	}
	cw.Flush()
	return cw.Error()
}

// VerifyAudit checks the whole chain; see storage.DB.VerifyAudit.
func (s *Service) VerifyAudit(ctx context.Context) (int64, error) {
	if err := access.Require(ctx, access.AuditRead, access.Everywhere, s.tree()); err != nil {
		return 0, err
	}
	return s.db.VerifyAudit(ctx)
}

// cell keeps a spreadsheet from reading text typed by someone (a login tried at sign-in)
// as a formula: a leading =, +, - or @ is escaped with an apostrophe.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
