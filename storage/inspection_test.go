package storage_test

import (
	"context"
	"fmt"
	"io/fs"
	"sync"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/inspection"
	"vanthu/storage"
	"vanthu/templates"
)

func checklists(tb testing.TB) *inspection.Catalog {
	tb.Helper()
	sub, err := fs.Sub(templates.FS, "checklists")
	if err != nil {
		tb.Fatal(err)
	}
	cat, err := inspection.Load(sub)
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// inspectionService is the service over db with a clock set to day (Vietnam time, noon).
func inspectionService(tb testing.TB, db *storage.DB, day string) *inspection.Service {
	tb.Helper()
	now, err := time.ParseInLocation("2006-01-02 15:04", day+" 12:00", ict)
	if err != nil {
		tb.Fatal(err)
	}
	svc, err := inspection.New(inspection.Config{Store: db, Catalog: checklists(tb), MaxAttachment: 1 << 10,
		Now: func() time.Time { return now }, Tree: func() *directory.Tree { return nil }})
	if err != nil {
		tb.Fatal(err)
	}
	return svc
}

func allAnswered(c *inspection.Checklist) map[string]inspection.Answer {
	m := map[string]inspection.Answer{}
	for _, cr := range c.Leaves() {
		if cr.Answerable() {
			m[cr.ID] = inspection.Answer{Result: inspection.Pass}
		}
	}
	return m
}

func TestInspectionRounds(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := asSystem()
		db := open(t, dsn)
		svc := inspectionService(t, db, "2025-03-10")

		r, err := svc.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "xa-a"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.Round(ctx, r.ID)
		if err != nil || got.Year != 2025 || got.Target != 0.8 || got.Calendar[inspection.ResidentialArea].ProposalDue != "2025-11-15" ||
			got.Name != "Xét công nhận “An toàn về an ninh, trật tự” năm 2025" || !got.CreatedAt.Equal(r.CreatedAt) {
			t.Fatalf("Round() = %+v, %v", got, err)
		}
		_, err = svc.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "xa-a"})
		wantCode(t, err, apperr.Conflict, "")
		_, err = svc.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "khong-co"})
		wantCode(t, err, apperr.Invalid, "")
		_, err = svc.CreateRound(ctx, inspection.RoundInput{Year: 2019, AuthorityID: "xa-a", Target: 2})
		if e := apperr.As(err); e.Code != apperr.Invalid || e.Fields["year"] == "" || e.Fields["target"] == "" {
			t.Fatalf("error %+v, want year and target named", e)
		}
		other, err := svc.CreateRound(ctx, inspection.RoundInput{Year: 2026, AuthorityID: "ubnd-tinh", Target: 0.85})
		if err != nil {
			t.Fatal(err)
		}
		list, err := svc.Rounds(ctx, inspection.RoundFilter{})
		if err != nil || len(list) != 2 || list[0].ID != other.ID {
			t.Fatalf("Rounds() = %+v, %v", list, err)
		}
		list, err = svc.Rounds(ctx, inspection.RoundFilter{AuthorityID: "xa-a", Year: 2025})
		if err != nil || len(list) != 1 || list[0].ID != r.ID {
			t.Fatalf("Rounds(xa-a, 2025) = %+v, %v", list, err)
		}
		updated, err := svc.UpdateRound(ctx, other.ID, inspection.RoundInput{Name: "Đợt xét 2026", Calendar: map[inspection.Kind]inspection.Dates{
			inspection.Commune: {RegistrationDue: "2026-04-15", WindowFrom: "2025-11-16", WindowTo: "2026-11-15", ProposalDue: "2026-11-20"}}})
		if err != nil || updated.Name != "Đợt xét 2026" || updated.Calendar[inspection.Commune].RegistrationDue != "2026-04-15" {
			t.Fatalf("UpdateRound() = %+v, %v", updated, err)
		}
		_, err = svc.UpdateRound(ctx, other.ID, inspection.RoundInput{Year: 2027})
		wantCode(t, err, apperr.Invalid, "")
		if err := svc.DeleteRound(ctx, other.ID); err != nil {
			t.Fatal(err)
		}
		_, err = svc.Round(ctx, other.ID)
		wantCode(t, err, apperr.NotFound, "")
		wantCode(t, svc.DeleteRound(ctx, other.ID), apperr.NotFound, "")
	})
}

func TestInspectionRosterAndRegistration(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := asSystem()
		db := open(t, dsn)
		svc := inspectionService(t, db, "2025-04-02")
		r, err := svc.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "xa-a"})
		if err != nil {
			t.Fatal(err)
		}
		roster := []inspection.Object{
			{ID: "xa-a", Kind: inspection.Commune, Name: "Xã A", UnitID: "xa-a"},
			{ID: "thon-1", Kind: inspection.ResidentialArea, Name: "Thôn 1", ParentID: "xa-a"},
			{ID: "thon-2", Kind: inspection.ResidentialArea, Name: "Thôn 2", ParentID: "xa-a"},
		}
		if err := svc.PutObjects(ctx, r.ID, roster); err != nil {
			t.Fatal(err)
		}
		// Renaming keeps the place in the roster.
		if err := svc.PutObjects(ctx, r.ID, []inspection.Object{{ID: "thon-1", Kind: inspection.ResidentialArea, Name: "Thôn Một", ParentID: "xa-a"}}); err != nil {
			t.Fatal(err)
		}
		objects, err := svc.Objects(ctx, r.ID)
		if err != nil || len(objects) != 3 || objects[1].Name != "Thôn Một" || objects[2].ID != "thon-2" {
			t.Fatalf("Objects() = %+v, %v", objects, err)
		}

		refused := []struct {
			name  string
			objs  []inspection.Object
			field string
		}{
			{"unknown parent", []inspection.Object{{ID: "x", Kind: inspection.School, Name: "X", ParentID: "nowhere"}}, "objects[0].parent_id"},
			{"unknown kind", []inspection.Object{{ID: "x", Kind: "truong", Name: "X"}}, "objects[0].kind"},
			{"no name", []inspection.Object{{ID: "x", Kind: inspection.School}}, "objects[0].name"},
			{"id with a slash", []inspection.Object{{ID: "a/b", Kind: inspection.School, Name: "X"}}, "objects[0].id"},
			{"cycle", []inspection.Object{{ID: "xa-a", Kind: inspection.Commune, Name: "Xã A", ParentID: "thon-1"}}, "objects[0].parent_id"},
			{"duplicate", []inspection.Object{{ID: "y", Kind: inspection.School, Name: "Y"}, {ID: "y", Kind: inspection.School, Name: "Y"}}, "objects[1].id"},
		}
		for _, tt := range refused {
			t.Run(tt.name, func(t *testing.T) {
				err := svc.PutObjects(ctx, r.ID, tt.objs)
				if e := apperr.As(err); e.Code != apperr.Invalid || e.Fields[tt.field] == "" {
					t.Errorf("error %+v, want %s named", e, tt.field)
				}
			})
		}

		pdf := []byte("%PDF-1.4 nghị quyết")
		o, err := svc.Register(ctx, r.ID, "thon-1", &inspection.Registration{Note: "Đăng ký phấn đấu", Files: []inspection.Attachment{
			{DocKind: inspection.DocResolution, Name: "nghi-quyet.pdf", Data: pdf},
			{DocKind: inspection.DocRegistration, Name: "ban-dang-ky.PNG", Data: []byte("\x89PNG\r\n\x1a\nrest")},
		}})
		if err != nil {
			t.Fatal(err)
		}
		// 2 April is after the end of the first quarter: flagged, not refused.
		if o.RegisteredOn != "2025-04-02" || !o.RegisteredLate {
			t.Errorf("registered %+v", o)
		}
		files, err := svc.Attachments(ctx, r.ID, "thon-1")
		if err != nil || len(files) != 2 || files[0].ContentType != "application/pdf" || files[1].ContentType != "image/png" ||
			files[0].Size != int64(len(pdf)) || files[0].Data != nil {
			t.Fatalf("Attachments() = %+v, %v", files, err)
		}
		f, err := svc.Attachment(ctx, r.ID, files[0].ID)
		if err != nil || string(f.Data) != string(pdf) || f.Name != "nghi-quyet.pdf" {
			t.Fatalf("Attachment() = %+v, %v", f, err)
		}
		if _, err := svc.Register(ctx, r.ID, "thon-2", &inspection.Registration{RegisteredOn: "2025-03-01"}); err != nil {
			t.Fatal(err)
		}
		if o, _ := db.Object(ctx, r.ID, "thon-2"); o.RegisteredOn != "2025-03-01" || o.RegisteredLate {
			t.Errorf("thon-2: %+v", o)
		}

		badFiles := []struct {
			name string
			file inspection.Attachment
			code apperr.Code
		}{
			{"refused type", inspection.Attachment{DocKind: inspection.DocPlan, Name: "ke-hoach.exe", Data: []byte("MZ")}, apperr.Invalid},
			{"content is not the type", inspection.Attachment{DocKind: inspection.DocPlan, Name: "ke-hoach.pdf", Data: []byte("MZ")}, apperr.Invalid},
			{"too large", inspection.Attachment{DocKind: inspection.DocPlan, Name: "ke-hoach.pdf", Data: append([]byte("%PDF-"), make([]byte, 2000)...)}, apperr.TooLarge},
			{"unknown document kind", inspection.Attachment{DocKind: "thu", Name: "a.pdf", Data: pdf}, apperr.Invalid},
		}
		for _, tt := range badFiles {
			t.Run(tt.name, func(t *testing.T) {
				_, err := svc.Register(ctx, r.ID, "thon-2", &inspection.Registration{Files: []inspection.Attachment{tt.file}})
				if e := apperr.As(err); e.Code != tt.code || e.Fields["files[0]"] == "" {
					t.Errorf("error %+v, want %s naming files[0]", e, tt.code)
				}
			})
		}
		// Removing an object takes its files; one with objects under it stays.
		wantCode(t, svc.DeleteObject(ctx, r.ID, "xa-a"), apperr.Conflict, "")
		if err := svc.DeleteObject(ctx, r.ID, "thon-1"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Attachment(ctx, r.ID, files[0].ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("file of a removed object: %v", err)
		}
		wantCode(t, svc.DeleteObject(ctx, r.ID, "thon-1"), apperr.NotFound, "")
		_, err = svc.Register(ctx, r.ID, "khong-co", &inspection.Registration{})
		if e := apperr.As(err); e.Code != apperr.NotFound || e.Fields["object_id"] == "" {
			t.Errorf("error %+v, want NotFound naming object_id", e)
		}
		if files, _ := svc.Attachments(ctx, r.ID, "thon-2"); len(files) != 0 {
			t.Errorf("refused files were stored: %+v", files)
		}
	})
}

func TestInspectionAssessmentVersions(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := asSystem()
		db := open(t, dsn)
		svc := inspectionService(t, db, "2025-11-16")
		r, err := svc.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "xa-a"})
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.PutObjects(ctx, r.ID, []inspection.Object{{ID: "thon-1", Kind: inspection.ResidentialArea, Name: "Thôn 1"}}); err != nil {
			t.Fatal(err)
		}
		form, err := svc.Assessment(ctx, r.ID, "thon-1")
		if err != nil || form.Assessment.Version != 0 || form.Checklist.ID != "khu-dan-cu" {
			t.Fatalf("Assessment() = %+v, %v", form, err)
		}
		draft := &inspection.Assessment{RoundID: r.ID, ObjectID: "thon-1", UpdatedBy: "can-bo-1",
			Answers: map[string]inspection.Answer{"4.1": {Result: inspection.Pass, Note: "Có nghị quyết"}}}
		saved, err := svc.SaveAssessment(ctx, draft)
		if err != nil || saved.Version != 1 || !saved.Late { // 16 Nov is after the 15 Nov deadline
			t.Fatalf("SaveAssessment() = %+v, %v", saved, err)
		}
		// Two inspectors open version 1; the first save wins, the second gets a Conflict.
		first := &inspection.Assessment{RoundID: r.ID, ObjectID: "thon-1", Version: 1,
			Answers: map[string]inspection.Answer{"4.1": {Result: inspection.Pass}, "4.2": {Result: inspection.Fail, Note: "Chưa triển khai"}},
			Facts:   nil}
		second := &inspection.Assessment{RoundID: r.ID, ObjectID: "thon-1", Version: 1,
			Answers: map[string]inspection.Answer{"4.1": {Result: inspection.NotApplicable}}}
		if _, err := svc.SaveAssessment(ctx, first); err != nil || first.Version != 2 {
			t.Fatalf("first save: %+v, %v", first, err)
		}
		_, err = svc.SaveAssessment(ctx, second)
		wantCode(t, err, apperr.Conflict, "")
		// A second "first save" of the same checklist conflicts too.
		_, err = svc.SaveAssessment(ctx, &inspection.Assessment{RoundID: r.ID, ObjectID: "thon-1", Answers: map[string]inspection.Answer{}})
		wantCode(t, err, apperr.Conflict, "")
		form, err = svc.Assessment(ctx, r.ID, "thon-1")
		if err != nil || form.Assessment.Version != 2 || form.Assessment.Answers["4.2"].Note != "Chưa triển khai" {
			t.Fatalf("Assessment() = %+v, %v", form.Assessment, err)
		}

		invalid := []struct {
			name  string
			a     inspection.Assessment
			field string
		}{
			{"unknown criterion", inspection.Assessment{Answers: map[string]inspection.Answer{"9.9": {Result: inspection.Pass}}}, "answers.9.9"},
			{"group criterion", inspection.Assessment{Answers: map[string]inspection.Answer{"4.3": {Result: inspection.Pass}}}, "answers.4.3"},
			{"result outside the values", inspection.Assessment{Answers: map[string]inspection.Answer{"4.1": {Result: "tot"}}}, "answers.4.1.result"},
		}
		for _, tt := range invalid {
			t.Run(tt.name, func(t *testing.T) {
				a := tt.a
				a.RoundID, a.ObjectID, a.Version = r.ID, "thon-1", 2
				_, err := svc.SaveAssessment(ctx, &a)
				if e := apperr.As(err); e.Code != apperr.Invalid || e.Fields[tt.field] == "" {
					t.Errorf("error %+v, want %s named", e, tt.field)
				}
			})
		}
		_, err = svc.SaveAssessment(ctx, &inspection.Assessment{RoundID: r.ID, ObjectID: "khong-co"})
		wantCode(t, err, apperr.NotFound, "")

		// Many savers at once on the same version: exactly one wins.
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := &inspection.Assessment{RoundID: r.ID, ObjectID: "thon-1", Version: 2,
					Answers: map[string]inspection.Answer{"4.1": {Result: inspection.Pass}}}
				_, err := svc.SaveAssessment(ctx, a)
				if err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				} else if apperr.CodeOf(err) != apperr.Conflict {
					t.Errorf("concurrent save: %v", err)
				}
			}()
		}
		wg.Wait()
		if wins != 1 {
			t.Errorf("%d concurrent saves won, want 1", wins)
		}
	})
}

// The whole cycle for one commune with 20 residential areas: 20 registered, 18 đạt and 2
// chưa đạt (art. 4.4.b and 4.4.c), so 90 % and the commune's item 4 passes; then the edges
// 14/20, 13/20 and one area not registered.
func TestInspectionCommuneCycle(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := asSystem()
		db := open(t, dsn)
		svc := inspectionService(t, db, "2025-03-20")
		cat := svc.Catalog()
		r, err := svc.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "xa-a"})
		if err != nil {
			t.Fatal(err)
		}
		roster := []inspection.Object{{ID: "xa-a", Kind: inspection.Commune, Name: "Xã A", UnitID: "xa-a"}}
		for i := 1; i <= 20; i++ {
			roster = append(roster, inspection.Object{ID: fmt.Sprintf("thon-%02d", i), Kind: inspection.ResidentialArea,
				Name: fmt.Sprintf("Thôn %d", i), ParentID: "xa-a"})
		}
		if err := svc.PutObjects(ctx, r.ID, roster); err != nil {
			t.Fatal(err)
		}
		for _, o := range roster {
			if _, err := svc.Register(ctx, r.ID, o.ID, &inspection.Registration{Files: []inspection.Attachment{
				{DocKind: inspection.DocRegistration, Name: "dang-ky.pdf", Data: []byte("%PDF-1.7")}}}); err != nil {
				t.Fatal(err)
			}
		}
		versions := map[string]int{}
		save := func(id string, answers map[string]inspection.Answer) {
			t.Helper()
			a, err := svc.SaveAssessment(ctx, &inspection.Assessment{RoundID: r.ID, ObjectID: id, Version: versions[id], Answers: answers})
			if err != nil {
				t.Fatalf("save %s: %v", id, err)
			}
			versions[id] = a.Version
		}
		save("xa-a", allAnswered(cat.Get("xa")))
		setAreas := func(fail map[int]string) {
			for i := 1; i <= 20; i++ {
				answers := allAnswered(cat.Get("khu-dan-cu"))
				if cr, ok := fail[i]; ok {
					answers[cr] = inspection.Answer{Result: inspection.Fail, Note: "Xảy ra vụ việc"}
				}
				save(fmt.Sprintf("thon-%02d", i), answers)
			}
		}

		setAreas(map[int]string{19: "4.4.b", 20: "4.4.c"})
		v, err := svc.ObjectResult(ctx, r.ID, "xa-a")
		if err != nil || v.Outcome != inspection.Recognised || v.Shares[0].Recognised != 18 || v.Shares[0].Registered != 20 {
			t.Fatalf("commune: %+v, %v", v, err)
		}
		v, err = svc.ObjectResult(ctx, r.ID, "thon-19")
		if err != nil || v.Outcome != inspection.NotRecognised || v.Reasons[0].CriterionID != "4.4.b" {
			t.Fatalf("thon-19: %+v, %v", v, err)
		}
		p, err := svc.Progress(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if k := p.Kinds[0]; k.Kind != inspection.ResidentialArea || k.Total != 20 || k.Registered != 20 || k.Recognised != 18 ||
			k.RecognisedShare != 0.9 || !k.MeetsTarget {
			t.Errorf("progress: %+v", k)
		}

		outcome := func() inspection.Outcome {
			t.Helper()
			v, err := svc.ObjectResult(ctx, r.ID, "xa-a")
			if err != nil {
				t.Fatal(err)
			}
			return v.Outcome
		}
		fails := func(from int) map[int]string {
			m := map[int]string{}
			for i := from; i <= 20; i++ {
				m[i] = "4.4.c"
			}
			return m
		}
		setAreas(fails(15))
		if got := outcome(); got != inspection.Recognised {
			t.Errorf("14/20: commune %s, want đạt", got)
		}
		setAreas(fails(14))
		if got := outcome(); got != inspection.NotRecognised {
			t.Errorf("13/20: commune %s, want chưa đạt", got)
		}
		// All 20 đạt, but one area was never registered: a new roster entry without a
		// registration makes 20/21 registered.
		setAreas(nil)
		if err := svc.PutObjects(ctx, r.ID, []inspection.Object{{ID: "thon-21", Kind: inspection.ResidentialArea, Name: "Thôn 21", ParentID: "xa-a"}}); err != nil {
			t.Fatal(err)
		}
		save("thon-21", allAnswered(cat.Get("khu-dan-cu")))
		v, err = svc.ObjectResult(ctx, r.ID, "xa-a")
		if err != nil || v.Outcome != inspection.NotRecognised || v.Reasons[0].CriterionID != "5.4" ||
			v.Reasons[0].Explanation != "20/21 đối tượng thuộc địa bàn đã đăng ký (95,2 %), cần 100 %; chưa đăng ký: Thôn 21." {
			t.Errorf("one not registered: %+v, %v", v, err)
		}
	})
}

// The province's round judges the commune's item 4 from the round the commune runs for its
// residential areas in the same year.
func TestInspectionLinkedRounds(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := asSystem()
		db := open(t, dsn)
		svc := inspectionService(t, db, "2025-03-20")
		cat := svc.Catalog()
		communeRound, err := svc.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "xa-a"})
		if err != nil {
			t.Fatal(err)
		}
		provinceRound, err := svc.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "ubnd-tinh"})
		if err != nil {
			t.Fatal(err)
		}
		var areas []inspection.Object
		for i := 1; i <= 10; i++ {
			areas = append(areas, inspection.Object{ID: fmt.Sprintf("thon-%02d", i), Kind: inspection.ResidentialArea, Name: fmt.Sprintf("Thôn %d", i)})
		}
		if err := svc.PutObjects(ctx, communeRound.ID, areas); err != nil {
			t.Fatal(err)
		}
		for i, o := range areas {
			if _, err := svc.Register(ctx, communeRound.ID, o.ID, &inspection.Registration{}); err != nil {
				t.Fatal(err)
			}
			answers := allAnswered(cat.Get("khu-dan-cu"))
			if i >= 7 { // 7 of 10 recognised
				answers["4.4.d"] = inspection.Answer{Result: inspection.Fail}
			}
			if _, err := svc.SaveAssessment(ctx, &inspection.Assessment{RoundID: communeRound.ID, ObjectID: o.ID, Answers: answers}); err != nil {
				t.Fatal(err)
			}
		}
		if err := svc.PutObjects(ctx, provinceRound.ID, []inspection.Object{{ID: "xa-a", Kind: inspection.Commune, Name: "Xã A", UnitID: "xa-a"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SaveAssessment(ctx, &inspection.Assessment{RoundID: provinceRound.ID, ObjectID: "xa-a", Answers: allAnswered(cat.Get("xa"))}); err != nil {
			t.Fatal(err)
		}
		v, err := svc.ObjectResult(ctx, provinceRound.ID, "xa-a")
		if err != nil || v.Outcome != inspection.Recognised || v.Shares[0].Total != 10 || v.Shares[0].Recognised != 7 || v.Shares[0].RoundID != communeRound.ID {
			t.Fatalf("commune in the province round: %+v, %v", v, err)
		}
		// One more failure in the commune's round: 6 of 10, and the province's verdict follows.
		answers := allAnswered(cat.Get("khu-dan-cu"))
		answers["4.4.d"] = inspection.Answer{Result: inspection.Fail}
		if _, err := svc.SaveAssessment(ctx, &inspection.Assessment{RoundID: communeRound.ID, ObjectID: "thon-01", Version: 1, Answers: answers}); err != nil {
			t.Fatal(err)
		}
		if v, err := svc.ObjectResult(ctx, provinceRound.ID, "xa-a"); err != nil || v.Outcome != inspection.NotRecognised {
			t.Errorf("after a failure in the commune's round: %+v, %v", v, err)
		}
	})
}

// asSystem is a context acting as the command line: the service checks the actor, and these
// tests are about storage, not scopes (httpapi's access matrix is).
func asSystem() context.Context {
	return access.WithActor(context.Background(), access.System("storage test"))
}

// TestInspectionCertificates links issued documents to objects of a round: listed with
// their numbers, served only under the object they were linked to, refused for an object
// not in the round, and gone with the object.
func TestInspectionCertificates(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := asSystem()
		db := open(t, dsn)
		svc := inspectionService(t, db, "2026-03-09")
		r, err := svc.CreateRound(ctx, inspection.RoundInput{Year: 2026, AuthorityID: "ubnd-tinh"})
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.PutObjects(ctx, r.ID, []inspection.Object{
			{ID: "kdc-1", Kind: inspection.ResidentialArea, Name: "Thôn 1"},
			{ID: "kdc-2", Kind: inspection.ResidentialArea, Name: "Thôn 2"},
		}); err != nil {
			t.Fatal(err)
		}
		doc, err := db.CreateAndIssue(ctx, newDraft("ubnd-tinh"), time.Date(2026, 3, 9, 10, 30, 0, 0, ict), 2026, render)
		if err != nil {
			t.Fatal(err)
		}
		certs := []inspection.Certificate{{ObjectID: "kdc-1", DocumentID: doc.ID}}
		if err := db.AddCertificates(ctx, r.ID, certs); err != nil {
			t.Fatal(err)
		}
		if err := db.AddCertificates(ctx, r.ID, certs); err != nil {
			t.Fatalf("linking the same certificate again: %v", err)
		}
		wantCode(t, db.AddCertificates(ctx, r.ID, []inspection.Certificate{{ObjectID: "khong-co", DocumentID: doc.ID}}), apperr.NotFound, "")
		list, err := db.Certificates(ctx, r.ID)
		if err != nil || len(list) != 1 || list[0].ObjectID != "kdc-1" || list[0].Number != doc.Number || list[0].IssuerID != "ubnd-tinh" || list[0].IssuedAt.IsZero() {
			t.Fatalf("Certificates() = %+v, %v", list, err)
		}
		if file, err := db.CertificateFile(ctx, r.ID, "kdc-1", doc.ID); err != nil || len(file) == 0 {
			t.Fatalf("CertificateFile(kdc-1) = %d bytes, %v", len(file), err)
		}
		_, err = db.CertificateFile(ctx, r.ID, "kdc-2", doc.ID)
		wantCode(t, err, apperr.NotFound, "")
		if err := svc.DeleteObject(ctx, r.ID, "kdc-1"); err != nil {
			t.Fatal(err)
		}
		if list, err := db.Certificates(ctx, r.ID); err != nil || len(list) != 0 {
			t.Fatalf("after deleting the object: %+v, %v", list, err)
		}
	})
}
