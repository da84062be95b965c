package inspection

import (
	"context"
	"fmt"
	"time"

	"vanthu/access"
	"vanthu/apperr"
)

// Certificate is a Giấy công nhận issued to an object of a round (art. 10): a document the
// secretariat numbered and registered, linked to the object when it was issued so that the
// object's unit finds it without searching the register by name.
type Certificate struct {
	RoundID    int64     `json:"round_id"`
	ObjectID   string    `json:"object_id"`
	DocumentID int64     `json:"document_id"`
	IssuerID   string    `json:"issuer_id,omitempty"`
	Number     int       `json:"number,omitempty"`
	Symbol     string    `json:"symbol,omitempty"`
	IssuedAt   time.Time `json:"issued_at,omitzero"`
}

// LinkCertificates records the certificates just issued to objects of a round: for an
// actor who may read the round's results (who lists the objects to certify), and only to
// objects that are recognised. The documents themselves are issued, and authorised, by
// the secretariat.
func (s *Service) LinkCertificates(ctx context.Context, roundID int64, certs []Certificate) error {
	_, _, scores, err := s.Result(ctx, roundID)
	if err != nil {
		return err
	}
	for i := range certs {
		c := &certs[i]
		c.RoundID = roundID
		if v := scores.Of(c.ObjectID); v == nil || v.Outcome != Recognised {
			return apperr.InvalidFields(map[string]string{fmt.Sprintf("certificates[%d].object_id", i): fmt.Sprintf(msgNotRecognised, c.ObjectID)})
		}
	}
	if len(certs) == 0 {
		return nil
	}
	return s.store.AddCertificates(s.audited(ctx, ActCertificateLink), roundID, certs)
}

// Standing is one object of a round as its own unit reads it: the verdict, and the
// certificates issued to it.
type Standing struct {
	Round        *Round
	Object       Object
	Verdict      *Verdict
	Certificates []Certificate
}

// Standings returns the objects standing for the actor's own units (an object whose unit
// is in the actor's scope for result.read) in every round, newest round first and in
// roster order, each with its verdict and certificates. An object seen only through the
// round's authority is not listed: this is a unit's own page, not the round's results.
func (s *Service) Standings(ctx context.Context) ([]Standing, error) {
	if err := access.RequireAny(ctx, access.ResultRead); err != nil {
		return nil, err
	}
	rounds, err := s.store.Rounds(ctx, RoundFilter{})
	if err != nil {
		return nil, err
	}
	a, tree := access.FromContext(ctx), s.directory()
	out := []Standing{}
	for i := range rounds {
		r := &rounds[i]
		objects, err := s.store.Objects(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		var own []Object
		for _, o := range objects {
			if o.UnitID != "" && access.Can(a, access.ResultRead, o.UnitID, tree) {
				own = append(own, o)
			}
		}
		if len(own) == 0 {
			continue
		}
		_, _, scores, err := s.result(ctx, r)
		if err != nil {
			return nil, err
		}
		certs, err := s.store.Certificates(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		for _, o := range own {
			st := Standing{Round: r, Object: o, Verdict: scores.Of(o.ID)}
			for _, c := range certs {
				if c.ObjectID == o.ID {
					st.Certificates = append(st.Certificates, c)
				}
			}
			out = append(out, st)
		}
	}
	return out, nil
}

// CertificateFile returns the .docx of a certificate issued to an object, to an actor who
// may read that object's result: its own unit, or the round's authority.
func (s *Service) CertificateFile(ctx context.Context, roundID int64, objectID string, documentID int64) ([]byte, error) {
	if _, _, err := s.authorizedObject(ctx, access.ResultRead, roundID, objectID); err != nil {
		return nil, err
	}
	return s.store.CertificateFile(ctx, roundID, objectID, documentID)
}
